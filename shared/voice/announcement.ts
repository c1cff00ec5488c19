/**
 * Which recorded clips make up a call announcement (DESIGN §3): chime, then
 * "请 A023 号 到 3 号窗口 办理". Ticket numbers are read letter then digit by digit, as halls do;
 * counter numbers as a Chinese number (十, 十一, 二十三…). A recall says 再次呼叫 first.
 */
export type Lang = 'zh-CN' | 'en';

export interface Call {
  number: string;
  counterNo: number;
  lang: Lang;
  recall: boolean;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

function chineseNumber(n: number): string[] {
  if (n < 10) return [`zh/${n}`];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return [...(tens > 1 ? [`zh/${tens}`] : []), 'zh/shi', ...(ones > 0 ? [`zh/${ones}`] : [])];
}

/** In English a counter number is read digit by digit, like the ticket number. */
function englishNumber(n: number): string[] {
  return String(n)
    .split('')
    .map((d) => `en/${d}`);
}

export function announcementClips(call: Call): string[] {
  if (!/^[A-Z][0-9]{3,4}$/.test(call.number)) throw new Error(`not a ticket number: ${call.number}`);
  if (!Number.isInteger(call.counterNo) || call.counterNo < 1 || call.counterNo > 99) {
    throw new Error(`not a counter number: ${call.counterNo}`);
  }
  const lang = call.lang === 'en' ? 'en' : 'zh';
  const spelled = call.number.split('').map((c) => `${lang}/${c}`);
  // Either language: the chime, a recall's word, then the ticket number spelled and the counter.
  const opening = ['chime', ...(call.recall ? [lang === 'zh' ? 'zh/zaici' : 'en/recall'] : [])];
  if (lang === 'en') {
    return [...opening, 'en/number', ...spelled, 'en/to_counter', ...englishNumber(call.counterNo)];
  }
  return [
    ...opening,
    'zh/qing',
    ...spelled,
    'zh/hao',
    'zh/dao',
    ...chineseNumber(call.counterNo),
    'zh/hao_chuangkou',
    'zh/banli',
  ];
}

/** Every clip an announcement can use: the voice script makes exactly these. */
export const ALL_CLIP_KEYS: readonly string[] = [
  'chime',
  ...['zaici', 'qing', 'hao', 'dao', 'shi', 'hao_chuangkou', 'banli'].map((k) => `zh/${k}`),
  ...DIGITS.map((d) => `zh/${d}`),
  ...LETTERS.map((l) => `zh/${l}`),
  ...['recall', 'number', 'to_counter'].map((k) => `en/${k}`),
  ...DIGITS.map((d) => `en/${d}`),
  ...LETTERS.map((l) => `en/${l}`),
];
