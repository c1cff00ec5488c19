import type { PreloadApi } from '../../../shared/ipc.ts';

declare global {
  interface Window {
    servicehall?: PreloadApi;
  }
}

/** What a print page posts to the screen that opened it once its content is laid out. */
export const PRINT_READY = 'servicehall:print-ready';

export type Paper = '80' | '58' | 'a4';

/** The print page of a receipt or a day's Z-report (renderer/src/print/PrintApp.tsx). */
export function printUrl(
  what: { receipt: string } | { zReport: string },
  paper: Paper,
  as: 'counter' | 'manager',
): string {
  const q = new URLSearchParams({ paper, as });
  if ('receipt' in what) q.set('receipt', what.receipt);
  else q.set('z', what.zReport);
  return `/print?${q.toString()}`;
}

/**
 * Prints a print page without leaving the screen: it loads in a hidden frame, says when it is laid out,
 * and then prints — silently through the shell on a roll printer (as the kiosk's ticket), with the
 * browser's dialog otherwise. The page carries its own CSS inline, so its HTML prints as it is.
 */
export function printPage(url: string, { silent = false } = {}): Promise<void> {
  const frame = document.createElement('iframe');
  frame.title = 'print';
  frame.setAttribute('aria-hidden', 'true');
  Object.assign(frame.style, {
    position: 'fixed',
    left: '-10000px',
    top: '0',
    width: '800px',
    height: '1200px',
  });
  return new Promise<void>((resolve, reject) => {
    const ready = (e: MessageEvent) => {
      if (e.source !== frame.contentWindow || e.data !== PRINT_READY) return;
      window.removeEventListener('message', ready);
      void send()
        .then(resolve, reject)
        .finally(() => frame.remove());
    };
    const send = async () => {
      const doc = frame.contentDocument;
      if (silent && window.servicehall && doc) {
        const result = await window.servicehall.invoke('print:ticket', doc.documentElement.outerHTML);
        if (!result.ok) throw new Error(result.error ?? 'print failed');
        return;
      }
      frame.contentWindow?.print();
    };
    window.addEventListener('message', ready);
    frame.src = url;
    document.body.appendChild(frame);
  });
}
