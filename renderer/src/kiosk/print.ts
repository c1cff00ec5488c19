import '../shell/bridge.ts';

/** Silent print through the shell when there is one; the browser's print dialog otherwise. */
export async function printTicket(): Promise<void> {
  const slip = document.querySelector('.ticket-slip');
  if (window.servicehall && slip) {
    // The page's CSS goes inline: a stylesheet link would not resolve in the shell's print window.
    const css = [...document.styleSheets]
      .map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText).join('\n'))
      .join('\n');
    const html = `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body class="print-only">${slip.outerHTML}</body></html>`;
    // The ticket screen shows the number either way; a failed ticket print is the shell's log line.
    await window.servicehall.invoke('print:ticket', html);
    return;
  }
  window.print();
}
