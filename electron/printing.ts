import path from 'node:path';
import type { Paper } from '../shared/shell/config.ts';
import { originOf } from './ipcGuard.ts';

/**
 * The pure half of silent printing (electron/print.ts does the Electron half): which page, on which
 * printer, at what size, and where the PDF goes when the printer cannot take it.
 */

const ROLL_MICRONS: Record<Paper, number> = { '80': 80_000, '58': 58_000 };
/** A slip shorter than this still feeds past the tear bar. */
const MIN_ROLL_MM = 60;

/**
 * The print page to load: the sender's own origin and the path it asked for, on this PC's roll (the
 * printer holds one roll, whatever the button said). Null when the path would leave the origin.
 */
export function printPageUrl(senderOrigin: string, pagePath: string, paper: Paper): string | null {
  let url: URL;
  try {
    url = new URL(pagePath, `${senderOrigin}/`);
  } catch {
    return null;
  }
  if (originOf(url.href) !== senderOrigin || url.pathname !== '/print') return null;
  url.searchParams.set('paper', paper);
  url.searchParams.delete('auto');
  return url.href;
}

/** The roll's page in microns (webContents.print): the roll's width, as long as the laid-out slip. */
export function rollPageSize(paper: Paper, contentHeightPx: number): { width: number; height: number } {
  const mm = Math.max(MIN_ROLL_MM, Math.ceil((contentHeightPx * 25.4) / 96) + 4);
  return { width: ROLL_MICRONS[paper], height: mm * 1000 };
}

/** The part of Electron's PrinterInfo we read. */
export interface PrinterSeen {
  name: string;
  /** Platform-specific: CUPS gives `printer-state` and `printer-is-accepting-jobs`. */
  options?: object;
}

export type PrinterCheck = { ok: true; deviceName: string | undefined } | { ok: false; error: string };

/**
 * Whether the configured printer (null: the system default) can take a job now. CUPS says when a queue
 * is stopped or refuses jobs; Windows' list says only whether the printer exists, so an offline Windows
 * printer shows up as the print call's own failure.
 */
export function checkPrinter(printers: readonly PrinterSeen[], wanted: string | null): PrinterCheck {
  if (printers.length === 0) return { ok: false, error: 'no printer is installed on this PC' };
  const printer = wanted === null ? undefined : printers.find((p) => p.name === wanted);
  if (wanted !== null && !printer) return { ok: false, error: `printer ${wanted} is not connected` };
  const o = (printer?.options ?? {}) as Record<string, unknown>;
  if (o['printer-state'] === '5' || o['printer-is-accepting-jobs'] === 'false')
    return { ok: false, error: `printer ${wanted} is offline or stopped` };
  return { ok: true, deviceName: wanted ?? undefined };
}

/** archive/YYYY-MM-DD/HHMMSS-<what>.pdf, by the PC's local time: a technician finds a day's slips. */
export function pdfArchivePath(archiveDir: string, at: Date, what: string): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}`;
  const time = `${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  const safe = what.replace(/[^\w-]+/g, '_').slice(0, 60) || 'print';
  return path.join(archiveDir, day, `${time}-${safe}.pdf`);
}

/** A name for the archived PDF from the print page's query (`receipt=…` or `z=…`). */
export function printLabel(url: string): string {
  const q = new URL(url).searchParams;
  return q.get('receipt') ? `receipt-${q.get('receipt')}` : q.get('z') ? `z-${q.get('z')}` : 'ticket';
}
