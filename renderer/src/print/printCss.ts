import type { Paper } from './printFrame.ts';

/** Millimetres of paper a roll printer prints on, and the slip's type size on it. */
const ROLL = { '80': { width: 80, pad: 4, font: 9.5 }, '58': { width: 58, pad: 2.5, font: 8 } } as const;

const FONTS = `'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', sans-serif`;

/**
 * The print page's CSS, inline in the page (never a stylesheet link), so the page's HTML prints the
 * same from a data: or blob: URL in the shell's print window. It undoes the kiosk's print rule, which
 * hides everything but the ticket (public.css).
 */
export function pageCss(paper: Paper, rollHeightMm: number | null): string {
  const page =
    paper === 'a4'
      ? '@page { size: A4; margin: 14mm 12mm; }'
      : // A roll has no page length: the page is as long as the slip, measured once it is laid out.
        `@page { size: ${ROLL[paper].width}mm ${rollHeightMm ?? 200}mm; margin: 0; }`;
  return `
${page}
html, body { margin: 0; background: #fff; }
@media screen { body { background: #e9ecef; } }
${sheetCss(paper)}`;
}

/** The sheet's own rules, all under .print-doc: a staff screen shows a Z-report with them too. */
export function sheetCss(paper: Paper): string {
  const roll = paper === 'a4' ? null : ROLL[paper];
  return `
body .print-doc, body .print-doc * { visibility: visible; }
.print-doc {
  font-family: ${FONTS};
  color: #000;
  box-sizing: border-box;
  font-size: ${roll ? `${roll.font}pt` : '10pt'};
  line-height: 1.35;
  width: ${roll ? `${roll.width}mm` : '186mm'};
  padding: ${roll ? `${roll.pad}mm` : '0'};
  font-variant-numeric: tabular-nums;
}
@media screen {
  .print-doc { background: #fff; margin: 16px auto; box-shadow: 0 1px 6px rgba(0,0,0,.25); padding: ${roll ? `${roll.pad}mm` : '14mm 12mm'}; width: ${roll ? `${roll.width}mm` : '210mm'}; }
}
.print-doc h1 { font-size: 1.45em; margin: 0 0 1mm; text-align: center; }
.print-doc h2 { font-size: 1.15em; margin: 3mm 0 1mm; border-bottom: 0.3mm solid #000; }
.print-doc .center { text-align: center; }
.print-doc .hall { text-align: center; font-weight: 700; font-size: 1.15em; }
.print-doc .rule { border-top: 0.3mm dashed #000; margin: 1.5mm 0; }
.print-doc .row { display: flex; justify-content: space-between; gap: 2mm; }
.print-doc .row > :last-child { text-align: right; white-space: nowrap; }
.print-doc .muted { font-size: 0.9em; }
.print-doc .big { font-size: 1.3em; font-weight: 700; }
.print-doc .words { font-weight: 700; word-break: break-all; }
.print-doc .mark { display: inline-block; border: 0.5mm solid #000; padding: 0 1.5mm; font-weight: 800; margin: 0.5mm 1mm; }
.print-doc .void-mark { border-color: #c00; color: #c00; font-size: 1.6em; }
.print-doc .alarm { border: 0.8mm solid #c00; color: #c00; font-weight: 800; padding: 2mm; margin: 2mm 0; font-size: 1.2em; }
.print-doc .hash { font-family: 'DejaVu Sans Mono', monospace; font-size: 0.85em; word-break: break-all; }
.print-doc table { width: 100%; border-collapse: collapse; }
.print-doc th, .print-doc td { text-align: left; padding: 0.6mm 1mm; border-bottom: 0.2mm solid #999; vertical-align: top; }
.print-doc th { border-bottom: 0.3mm solid #000; }
.print-doc td:first-child, .print-doc th:first-child { padding-left: 0; }
.print-doc td:last-child, .print-doc th:last-child { padding-right: 0; }
.print-doc td.num, .print-doc th.num { text-align: right; white-space: nowrap; }
.print-doc .neg { color: #c00; font-weight: 700; }
.print-doc .cols { display: grid; grid-template-columns: ${roll ? '1fr' : '1fr 1fr'}; column-gap: 8mm; }
.print-doc .sign { display: flex; gap: 10mm; margin-top: 8mm; }
.print-doc .sign > div { flex: 1; border-top: 0.3mm solid #000; padding-top: 1mm; }
@media print { .print-doc section, .print-doc tr { break-inside: avoid; } }
`;
}
