const money = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });

export function formatMoneyFen(fen: number): string {
  return money.format(fen / 100);
}

/** A date-time format in the screen's language (en-GB or zh-CN) and the hall's time zone. */
function hallFormat(lang: string, timeZone: string, parts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone, ...parts });
}

const CLOCK = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
const LONG_DATE = { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' } as const;
const DATE_TIME = { month: '2-digit', day: '2-digit', ...CLOCK, second: '2-digit' } as const;

export function formatClock(ms: number, lang: string, timeZone = 'Asia/Shanghai'): string {
  return hallFormat(lang, timeZone, CLOCK).format(ms);
}

export function formatDate(ms: number, lang: string, timeZone = 'Asia/Shanghai'): string {
  return hallFormat(lang, timeZone, LONG_DATE).format(ms);
}

export function formatDateTime(ms: number, lang: string, timeZone = 'Asia/Shanghai'): string {
  return hallFormat(lang, timeZone, DATE_TIME).format(ms);
}

/** mm:ss, growing to h:mm:ss. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** A human span in its largest sensible unit: 12 s, 5 min, 3 h, 2 d (zh: 12 秒, 5 分钟, …). */
export function formatSpan(ms: number, lang: string): string {
  const s = Math.round(Math.abs(ms) / 1000);
  const [n, unit] =
    s < 90
      ? [s, 'second']
      : s < 90 * 60
        ? [Math.round(s / 60), 'minute']
        : s < 36 * 3600
          ? [Math.round(s / 3600), 'hour']
          : [Math.round(s / 86400), 'day'];
  return new Intl.NumberFormat(lang === 'en' ? 'en' : 'zh-CN', {
    style: 'unit',
    unit,
    unitDisplay: lang === 'en' ? 'short' : 'long',
  }).format(n);
}

/** A service's name in the screen's language; its code when the service is not known here. */
export function serviceName(
  services: readonly { code: string; name: string; nameEn: string }[] | undefined,
  code: string,
  lang: string,
): string {
  const s = services?.find((x) => x.code === code);
  return s ? (lang === 'en' ? s.nameEn : s.name) : code;
}
