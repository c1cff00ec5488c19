import type { PrintResult } from '../../../shared/ipc.ts';
import i18n from '../i18n/index.ts';
import '../shell/bridge.ts';

/** What a print page posts to the screen that opened it once its content is laid out. */
export const PRINT_READY = 'servicehall:print-ready';

export type Paper = '80' | '58' | 'a4';

/** The print page of a receipt, a device's or the hall's Z-report (renderer/src/print/PrintApp.tsx). */
export function printUrl(
  what: { receipt: string } | { zReport: string } | { hallZReport: string },
  paper: Paper,
  as: 'counter' | 'manager',
): string {
  const q = new URLSearchParams({ paper, as });
  if ('receipt' in what) q.set('receipt', what.receipt);
  else if ('zReport' in what) q.set('z', what.zReport);
  else q.set('hz', what.hallZReport);
  return `/print?${q.toString()}`;
}

/**
 * Prints a print page without leaving the screen: silently through the shell on this PC's roll printer
 * (the shell loads the page itself, waits for it to be laid out and prints it with its inline CSS), or
 * in a hidden frame that says when it is laid out and then opens the browser's dialog.
 */
export function printPage(url: string, { silent = false } = {}): Promise<void> {
  // The shell loads the page itself, in this screen's session, and prints it on this PC's roll.
  if (silent && window.servicehall)
    return window.servicehall.invoke('print:page', { path: url }).then(throwUnlessPrinted);
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
      try {
        frame.contentWindow?.print();
        resolve();
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      } finally {
        frame.remove();
      }
    };
    window.addEventListener('message', ready);
    frame.src = url;
    document.body.appendChild(frame);
  });
}

/** A print that did not reach the paper: the record is kept, the screen says why and offers a reprint. */
export function throwUnlessPrinted(result: PrintResult): void {
  if (result.ok) return;
  const message = i18n.t(`shell:print.${result.code}`, { error: result.error });
  throw new Error(result.pdf ? `${message} ${i18n.t('shell:print.pdf', { pdf: result.pdf })}` : message);
}
