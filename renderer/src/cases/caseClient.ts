import { useMemo } from 'react';
import type { z } from 'zod';
import { createClient, type Client } from '../lib/client.ts';
import { hallApi, type HallApi } from '../../../shared/api/hall/index.ts';
import type { CaseSummary, CaseView } from '../../../shared/cases/model.ts';

export type CaseRowT = z.infer<typeof CaseSummary>;
export type CaseViewT = z.infer<typeof CaseView>;
export type CaseApi = Client<HallApi>;

/** The hall API with the screen's own token, for the case panels (the counter's and the manager's). */
export function useCaseApi(token: string | null | undefined): CaseApi {
  return useMemo(() => createClient(hallApi, { token: () => token }), [token]);
}

/** A time as the hall reads it: month-day hour:minute in the screen's language. */
export function shortTime(at: number, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(at);
}
