import { describe, expect, it } from 'vitest';
import {
  carryOver,
  checkAcceptance,
  checkItems,
  handedFen,
  KNOWN_KINDS,
  NumberRange,
  type BookItem,
  type HandoverItem,
} from '../../shared/handover/model.ts';
import { DEFAULT_SETTINGS } from '../../shared/settings.ts';

const cash: HandoverItem = { kind: 'cash', text: '现金', counts: { '10000': 2, '50': 3 } };
const cheque: HandoverItem = { kind: 'cheque', text: '支票', amountFen: 50_000 };
const invoices: HandoverItem = { kind: 'invoice', text: '发票', range: { from: '0100', to: '0149' } };
const keys: HandoverItem = { kind: 'keys', text: '钥匙' };
const book = [cash, cheque, invoices, keys];

describe('handover rules (shared/handover)', () => {
  it('R-HAND-2: the default handover list covers cash, installation and repair orders, cheques, invoices, keys and tools', () => {
    expect(DEFAULT_SETTINGS.handoverKinds).toEqual([...KNOWN_KINDS]);
    for (const kind of ['cash', 'install_order', 'repair_order', 'cheque', 'invoice', 'keys', 'tools'])
      expect(DEFAULT_SETTINGS.handoverKinds).toContain(kind);
  });

  it('R-HAND-2: cash is handed over by denomination, invoices by range, only kinds on the list', () => {
    const kinds = DEFAULT_SETTINGS.handoverKinds;
    expect(checkItems(book, kinds)).toBeNull();
    expect(checkItems([{ kind: 'cash', text: 'x', amountFen: 100 }], kinds)).toEqual({
      code: 'cash_counts',
      index: 0,
    });
    expect(checkItems([keys, { kind: 'invoice', text: 'x' }], kinds)).toEqual({
      code: 'invoice_range',
      index: 1,
    });
    expect(checkItems([{ kind: 'sweets', text: 'x' }], kinds)).toEqual({ code: 'kind', index: 0 });
    expect(checkItems([{ ...cash, amountFen: 20_150 }], kinds)).toBeNull();
    expect(checkItems([{ ...cash, amountFen: 20_000 }], kinds)).toEqual({ code: 'cash_sum', index: 0 });
  });

  it('R-HAND-2: an invoice range runs from its first to its last number, same width', () => {
    expect(NumberRange.safeParse({ from: '0100', to: '0149' }).success).toBe(true);
    expect(NumberRange.safeParse({ from: '0149', to: '0100' }).success).toBe(false);
    expect(NumberRange.safeParse({ from: '100', to: '0149' }).success).toBe(false);
    expect(NumberRange.safeParse({ from: '01a0', to: '0149' }).success).toBe(false);
  });

  it('R-HAND-1: the cash handed over is what the counts come to', () => {
    expect(handedFen(cash)).toBe(20_150);
    expect(handedFen(cheque)).toBe(50_000);
    expect(handedFen(keys)).toBeNull();
  });

  it('R-HAND-1: every item is answered once; cash is counted again and must agree, cheques and invoice ranges must match; a dispute needs a note', () => {
    const all = [
      { index: 0, confirmed: true, counts: { '10000': 2, '50': 3 } },
      { index: 1, confirmed: true, amountFen: 50_000 },
      { index: 2, confirmed: true, range: { from: '0100', to: '0149' } },
      { index: 3, confirmed: true },
    ];
    expect(checkAcceptance(book, all)).toBeNull();
    // The same cash in other pieces is the same cash.
    expect(
      checkAcceptance(book, [{ ...all[0]!, counts: { '10000': 1, '5000': 2, '50': 3 } }, ...all.slice(1)]),
    ).toBeNull();
    expect(checkAcceptance(book, [{ ...all[0]!, counts: { '10000': 2 } }, ...all.slice(1)])).toEqual({
      code: 'count_differs',
      index: 0,
      expectedFen: 20_150,
      countedFen: 20_000,
    });
    expect(checkAcceptance(book, [{ index: 0, confirmed: true }, ...all.slice(1)])).toEqual({
      code: 'count_needed',
      index: 0,
    });
    expect(
      checkAcceptance(book, [all[0]!, { index: 1, confirmed: true, amountFen: 5_000 }, all[2]!, all[3]!]),
    ).toEqual({
      code: 'amount_differs',
      index: 1,
    });
    expect(checkAcceptance(book, [all[0]!, all[1]!, { index: 2, confirmed: true }, all[3]!])).toEqual({
      code: 'range_differs',
      index: 2,
    });
    expect(checkAcceptance(book, all.slice(0, 3))).toEqual({ code: 'missing', index: 3 });
    expect(checkAcceptance(book, [...all, all[3]!])).toEqual({ code: 'twice', index: 3 });
    expect(checkAcceptance(book, [...all, { index: 4, confirmed: true }])).toEqual({
      code: 'unknown',
      index: 4,
    });
    // A disagreement: not confirmed, with a note, and then no count is asked for.
    expect(checkAcceptance(book, [{ index: 0, confirmed: false }, ...all.slice(1)])).toEqual({
      code: 'note_needed',
      index: 0,
    });
    expect(
      checkAcceptance(book, [{ index: 0, confirmed: false, note: '少 ¥1.50' }, ...all.slice(1)]),
    ).toBeNull();
  });

  it('R-HAND-1: the next handover starts from every unconfirmed item not yet carried, pointing back at where it was written', () => {
    const entries: BookItem[] = [
      { handoverId: 'h1', index: 0, item: cash, confirmed: true, carried: false },
      { handoverId: 'h1', index: 1, item: cheque, confirmed: false, carried: false },
      { handoverId: 'h1', index: 2, item: keys, confirmed: false, carried: true },
      {
        handoverId: 'h2',
        index: 0,
        item: { ...keys, carriedFrom: { handoverId: 'h1', index: 2 } },
        confirmed: false,
        carried: false,
      },
    ];
    expect(carryOver(entries)).toEqual([
      { ...cheque, carriedFrom: { handoverId: 'h1', index: 1 } },
      { ...keys, carriedFrom: { handoverId: 'h2', index: 0 } },
    ]);
    expect(carryOver([])).toEqual([]);
  });
});
