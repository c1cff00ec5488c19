import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../shared/errors.ts';
import en from '../../shared/errors/en.json' with { type: 'json' };
import zhCN from '../../shared/errors/zh-CN.json' with { type: 'json' };

const catalogues: [string, Record<string, string>][] = [
  ['zh-CN', zhCN],
  ['en', en],
];
const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('error message catalogues (shared/errors/<lang>.json)', () => {
  it.each(catalogues)('%s holds a message for exactly the codes of the status table', (_, messages) => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(ERROR_STATUS).sort());
  });

  it('both languages name the same parameters in each message', () => {
    for (const code of Object.keys(ERROR_STATUS) as (keyof typeof zhCN)[])
      expect({ code, params: placeholders(en[code]) }).toEqual({ code, params: placeholders(zhCN[code]) });
  });
});
