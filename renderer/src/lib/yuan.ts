import { MAX_FEN } from '../../../shared/money/amounts.ts';

const YUAN_TEXT = /^(\d{1,9})(?:\.(\d{0,2}))?$/;

/**
 * An amount typed in yuan ("12", "12.5", "¥1,234.56") as integer fen, read digit by digit from the text
 * so no floating point ever touches it (12.35 × 100 is 1234.9999… in binary). Null: not an amount.
 */
export function parseYuan(text: string): number | null {
  const plain = text.replace(/[\s,，¥￥]/g, '');
  const match = YUAN_TEXT.exec(plain);
  if (!match) return null;
  const [, whole = '0', cents = ''] = match;
  const fen = Number(whole) * 100 + Number(cents.padEnd(2, '0'));
  return fen <= MAX_FEN ? fen : null;
}

/** Fen as the text a yuan field is filled with: 1050 → "10.50". */
export const fenToYuanText = (fen: number): string =>
  `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
