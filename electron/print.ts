import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BrowserWindow } from 'electron';
import type { PrintResult } from '../shared/ipc.ts';
import type { ShellConfig } from '../shared/shell/config.ts';
import { checkPrinter, pdfArchivePath, rollPageSize } from './printing.ts';

export interface PrintSettings {
  printer: ShellConfig['printer'];
  /** Where a slip goes as a PDF when the printer cannot take it. */
  archiveDir: string;
}

/** What to print: a page the shell loads (it says `data-print-ready` when laid out), or a whole document. */
export type PrintSource = { url: string; label: string } | { html: string; baseUrl: string; label: string };

const READY_TIMEOUT_MS = 15_000;

/**
 * Prints silently on this PC's roll printer from a hidden window that keeps the page's own CSS: a
 * loaded page in the screen's session (its token, its origin), or a document loaded with its origin as
 * base so nothing it links is lost. When the printer is missing, stopped or refuses the job, the slip
 * is saved as a PDF in the archive and the error goes back to the screen, which offers a reprint.
 */
export async function printSilently(source: PrintSource, settings: PrintSettings): Promise<PrintResult> {
  const win = new BrowserWindow({
    show: false,
    width: 800,
    height: 1200,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  try {
    if ('url' in source) {
      await win.loadURL(source.url);
      await waitUntilLaidOut(win);
    } else {
      await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(source.html)}`, {
        baseURLForDataURL: `${source.baseUrl}/`,
      });
    }
    const height = (await win.webContents.executeJavaScript(
      `(document.querySelector('.print-doc, .ticket-slip') ?? document.body).getBoundingClientRect().height`,
    )) as number;
    const pageSize = rollPageSize(settings.printer.paper, height);
    const printer = checkPrinter(await win.webContents.getPrintersAsync(), settings.printer.name);
    const failure = printer.ok ? await print(win, printer.deviceName, pageSize) : printer.error;
    if (failure === null) return { ok: true };
    const pdf = await saveAsPdf(win, settings.archiveDir, source.label).catch(() => null);
    return { ok: false, code: printer.ok ? 'E_PRINT_FAILED' : 'E_PRINTER_OFFLINE', error: failure, pdf };
  } catch (e) {
    return { ok: false, code: 'E_PRINT_FAILED', error: (e as Error).message, pdf: null };
  } finally {
    win.destroy();
  }
}

async function waitUntilLaidOut(win: BrowserWindow): Promise<void> {
  const until = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < until) {
    const state = (await win.webContents.executeJavaScript(
      `document.body.dataset.printReady === '1' ? 'ready' : document.querySelector('[role=alert]')?.textContent ?? ''`,
    )) as string;
    if (state === 'ready') return;
    if (state) throw new Error(state);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the print page was not ready in time');
}

function print(
  win: BrowserWindow,
  deviceName: string | undefined,
  pageSize: { width: number; height: number },
): Promise<string | null> {
  return new Promise((resolve) => {
    win.webContents.print(
      {
        silent: true,
        printBackground: true,
        margins: { marginType: 'none' },
        pageSize,
        ...(deviceName ? { deviceName } : {}),
      },
      (ok, reason) => resolve(ok ? null : reason || 'the printer refused the job'),
    );
  });
}

async function saveAsPdf(win: BrowserWindow, archiveDir: string, label: string): Promise<string> {
  const file = pdfArchivePath(archiveDir, new Date(), label);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true }));
  return file;
}
