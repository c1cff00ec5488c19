import { describe, expect, it } from 'vitest';
import { fenToYuanText, parseYuan } from '../../renderer/src/lib/yuan.ts';

describe('amounts typed in yuan become exact fen (R-CASH-1)', () => {
  it('reads whole yuan, jiao and fen from the text, never through a float', () => {
    expect(parseYuan('12')).toBe(1200);
    expect(parseYuan('12.5')).toBe(1250);
    expect(parseYuan('0.1')).toBe(10);
    expect(parseYuan('12.35')).toBe(1235); // 12.35 * 100 = 1234.9999999999998 in floating point
    expect(parseYuan('¥1,234.56')).toBe(123_456);
    expect(parseYuan(' 200. ')).toBe(20_000);
  });

  it('refuses what is not an amount: signs, three decimals, letters, more than ¥1,000,000', () => {
    for (const text of ['', '-5', '1.234', 'abc', '1e3', '.5x', '1000000.01'])
      expect(parseYuan(text), text).toBeNull();
    expect(parseYuan('1000000')).toBe(100_000_000);
  });

  it('writes fen back as the text of a yuan field', () => {
    expect(fenToYuanText(1050)).toBe('10.50');
    expect(fenToYuanText(7)).toBe('0.07');
  });
});
