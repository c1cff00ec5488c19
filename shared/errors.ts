import en from './errors/en.json' with { type: 'json' };
import zhCN from './errors/zh-CN.json' with { type: 'json' };

/**
 * Errors are values with a code and a translated message. Here: each code with its HTTP status. The
 * messages are message catalogues, as the screens keep theirs (renderer/src/i18n/): one template per
 * code in shared/errors/<lang>.json, `{name}` standing for a parameter. Routes turn a DomainError into
 * its reply in one place (server/http/errors.ts).
 */
export type Lang = 'zh-CN' | 'en';

export const ERROR_STATUS = {
  E_VALIDATION: 400,
  E_BAD_JSON: 400,
  E_BODY_TOO_LARGE: 413,
  E_UNAUTHENTICATED: 401,
  E_TOKEN_INVALID: 401,
  E_BAD_CREDENTIALS: 401,
  E_LOCKED_OUT: 429,
  E_FORBIDDEN: 403,
  E_NOT_YOUR_COUNTER: 403,
  E_NOT_YOUR_TICKET: 403,
  E_NOT_FOUND: 404,
  E_UNKNOWN_SERVICE: 404,
  E_UNKNOWN_COUNTER: 404,
  E_UNKNOWN_TICKET: 404,
  E_HALL_CLOSED: 409,
  E_OUTSIDE_HOURS: 409,
  E_SERVICE_CLOSED: 409,
  E_TICKET_STATE: 409,
  E_COUNTER_BUSY: 409,
  E_COUNTER_AWAY: 409,
  E_COUNTER_NOT_AWAY: 409,
  E_COUNTER_NO_SERVICES: 409,
  E_OVERRUN_REASON_REQUIRED: 422,
  E_REACTIVATE_WINDOW: 409,
  E_TRANSFER_TARGET: 400,
  E_RETURN_AT: 400,
  E_IDEMPOTENCY_CONFLICT: 422,
  E_PAIRING_CODE: 401,
  E_DEVICE_NOT_OWNED: 403,
  E_DEVICE_BOUND: 409,
  E_DEMO_REFUSED: 409,
  E_SETTING: 400,
  E_TIME_RANGE: 400,
  E_OPENING_HOURS: 400,
  E_UPGRADE_REQUIRED: 426,
  E_SYNC_GAP: 409,
  E_REF_INVALID: 400,
  E_HUB_UNREACHABLE: 503,
  E_RATE_LIMITED: 429,
  E_WEBSOCKET_REQUIRED: 426,
  E_HOST: 421,
  // Storage faults (issue 9): both reply as E_STORAGE; the message says which.
  E_STORAGE_FULL: 503,
  E_INTEGRITY: 500,
  E_CHAIN: 500,
  E_JOB: 500,
  E_STORAGE: 503,
  // Money (issue 11).
  E_FEE_UNKNOWN: 422,
  E_RECEIPT_EMPTY: 422,
  E_UNDERPAID: 422,
  E_CHANGE_NOT_CASH: 422,
  E_NO_COUNTER_SESSION: 403,
  E_APPROVER: 403,
  E_VOIDED: 409,
  E_VOID_OF_VOID: 409,
  E_DRAWER_OPEN: 409,
  E_NO_DRAWER: 409,
  E_DRAWER_CLOSED: 409,
  E_WITNESS: 422,
  E_DAY_CLOSED: 409,
  E_DAY_OPEN: 409,
  E_DAY_NOT_ENDED: 409,
  E_HALL_DAY_CLOSED: 409,
  E_HALL_DAY_OPEN: 409,
  E_HALL_DEVICES_OPEN: 409,
  E_HALL_STATIONS_UNCONFIRMED: 409,
  E_CLERK_PIN: 422,
  E_REASON_NEEDED: 422,
  E_ALREADY_EXPLAINED: 409,
  E_INVOICE_USED: 409,
  E_UNKNOWN_CASE: 404,
  E_NOT_CASE_OWNER: 403,
  E_CASE_CLOSED: 409,
  E_UNKNOWN_RATING: 404,
  E_CASE_FOR_RATING: 409,
  E_CASE_NEEDS_CONTACT: 422,
  E_UNKNOWN_STAFF: 404,
  E_COUNTER_NEEDED: 403,
  E_UNKNOWN_HANDOVER: 404,
  E_HANDOVER_SELF: 403,
  E_HANDOVER_SIGNED: 409,
  E_HANDOVER_WAITING: 409,
  E_HANDOVER_ITEM: 422,
  E_HANDOVER_ANSWER: 422,
  E_HANDOVER_NOT_DISPUTED: 409,
  E_HANDOVER_RULED: 409,
  E_HANDOVER_EMPTY: 422,
  E_TEMPERATURE: 422,
  E_UNKNOWN_LOAN: 404,
  E_TOOL_RETURNED: 409,
  E_ARCHIVE_MOVED: 409,
  E_UNKNOWN_ALERT: 404,
  E_INTERNAL: 500,
  // Ratings (issue 12; R-EVAL-1).
  E_RATING_REFUSED: 409,
  E_RATING_ALREADY: 409,
  E_RATING_OPEN: 409,
  E_RATING_LEVEL: 422,
  E_SCREEN_CODE: 401,
  E_NOT_THIS_SCREEN: 403,
  // Checklists and the hall's day (issue 13).
  E_UNKNOWN_CHECKLIST: 404,
  E_CHECKLIST_DONE: 409,
  E_CHECKLIST_NOT_DONE: 409,
  E_CHECKLIST_ELSEWHERE: 409,
  E_CHECKLIST_EARLY: 409,
  E_CHECKLIST_CLOSED: 409,
  E_CHECKLIST_ITEMS: 422,
  E_CHECKLIST_ROLE: 403,
  E_PHOTO_TOO_LARGE: 413,
  E_NOT_AN_IMAGE: 415,
  E_UNKNOWN_FOLLOWUP: 404,
  E_FOLLOWUP_RESOLVED: 409,
  E_TEMPLATE_FROM_HO: 409,
  E_OPENING_CHECK: 409,
  E_TWO_STAFF: 409,
} as const satisfies Record<`E_${string}`, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * Each code's message template in each language. Typed here, so a catalogue missing a code does not
 * compile; tests/unit/errors.test.ts checks that neither has a code of its own and that both name the
 * same parameters.
 */
const MESSAGES: Record<Lang, Record<ErrorCode, string>> = { 'zh-CN': zhCN, en };

const REPLY_CODE: { readonly [C in ErrorCode]?: ErrorCode } = { E_STORAGE_FULL: 'E_STORAGE' };

/** The code a reply carries: a variant's message may share its family's code (E_STORAGE_FULL → E_STORAGE). */
export function replyCode(code: ErrorCode): string {
  return REPLY_CODE[code] ?? code;
}

/**
 * A storage fault as SQLite reports it (better-sqlite3's error `code`): a full disk, or any other I/O
 * error. Null for everything else. Pure: it reads only the code string.
 */
export function storageFault(error: unknown): 'E_STORAGE_FULL' | 'E_STORAGE' | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL') return 'E_STORAGE_FULL';
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CORRUPT' || code === 'SQLITE_CANTOPEN')
    return 'E_STORAGE';
  return null;
}
export type ErrorParams = Record<string, string | number>;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(formatError(code, 'en', params));
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function formatError(code: ErrorCode, lang: Lang, params: ErrorParams = {}): string {
  return MESSAGES[lang][code].replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** Picks the reply language from an Accept-Language header; zh-CN is the default. */
export function langFromHeader(header: string | undefined): Lang {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
