import type { PreloadApi } from '../../../shared/ipc.ts';

declare global {
  interface Window {
    servicehall?: PreloadApi;
  }
}

/** Silent print through the shell when there is one; the browser's print dialog otherwise. */
export async function printTicket(): Promise<void> {
  const slip = document.querySelector('.ticket-slip');
  if (window.servicehall && slip) {
    const styles = [...document.querySelectorAll('style, link[rel=stylesheet]')]
      .map((n) => n.outerHTML)
      .join('');
    await window.servicehall.invoke(
      'print:ticket',
      `<!doctype html><html><head>${styles}</head><body class="print-only">${slip.outerHTML}</body></html>`,
    );
    return;
  }
  window.print();
}
