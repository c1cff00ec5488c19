import { z } from 'zod';
import { SafeText, isTimeZone } from './text.ts';
import { DEMO_GUIDES, ServiceGuides } from './customer/guides.ts';
import { LevelCount } from './ratings/levels.ts';
import { KNOWN_KINDS } from './handover/model.ts';

const HhMm = z.string().regex(/^([01]\d|2[0-3]):([0-5]\d)$/, 'HH:MM');

/**
 * Every value a hall may differ on is a setting with the default from RULES.md, never a literal in code.
 * The rule each setting serves is named beside it.
 */
export const Settings = z.object({
  hallName: SafeText(60).default('演示营业厅'),
  timeZone: z.string().min(1).refine(isTimeZone, 'an IANA time zone').default('Asia/Shanghai'),
  /** R-HRS-1 */
  openingTime: HhMm.default('08:00'),
  closingTime: HhMm.default('17:00'),
  /** R-HRS-1: when true the kiosk issues numbers only within opening hours. */
  enforceOpeningHours: z.boolean().default(true),
  /** DESIGN §3 ordering 1 */
  maxWaitGuardMinutes: z.number().int().min(1).max(480).default(30),
  /** R-PRI-1: after this many priority calls in a row one normal ticket is called if any waits. */
  consecutivePriorityCap: z.number().int().min(1).max(20).default(2),
  /** DESIGN §3: recall cap, then no-show. */
  recallCap: z.number().int().min(1).max(20).default(5),
  /** DESIGN §3: a no-show may be reactivated within this window. */
  noShowReactivateMinutes: z.number().int().min(0).max(240).default(30),
  /** R-AWAY-1: an away sign longer than this alerts the duty manager. */
  awayMaxMinutes: z.number().int().min(1).max(240).default(15),
  /** R-SLA-1: the counter clock turns amber at this share of the limit. */
  slaWarnRatio: z.number().min(0.1).max(1).default(0.8),
  /** R-SLA-2 */
  peakPeriods: z
    .array(
      z.object({ from: HhMm, to: HhMm }).refine((p) => p.from < p.to, 'a peak period starts before it ends'),
    )
    .max(6)
    .default([
      { from: '09:00', to: '11:00' },
      { from: '14:00', to: '16:00' },
    ]),
  peakWaitTargetMinutes: z.number().int().min(1).max(120).default(15),
  /** DESIGN §5 */
  loginMaxFailures: z.number().int().min(1).max(20).default(5),
  loginLockMinutes: z.number().int().min(1).max(120).default(5),
  /** Display: announce in English after Chinese. */
  announceEnglish: z.boolean().default(false),
  backupKeep: z.number().int().min(1).max(365).default(14),
  /** R-CASH-3: cash on hand in one drawer above this (fen) must be deposited; the counter and manager are told. */
  cashOnHandLimitFen: z.number().int().min(0).max(100_000_000).default(500_000),
  /** R-CASH-5: an over/short at close beyond this (fen) needs a reason code and an approver; 0: any. */
  overShortThresholdFen: z.number().int().min(0).max(1_000_000).default(0),
  /** R-CMP-1: a complaint's days count as calendar days or as working days (the State Council's calendar). */
  complaintDayCount: z.enum(['calendar', 'working']).default('calendar'),
  /** R-CMP-1: a complaint's reply is due within this many days, its handling opinion within the next. */
  complaintReplyDays: z.number().int().min(1).max(30).default(3),
  complaintOpinionDays: z.number().int().min(1).max(60).default(5),
  /** R-FR-2: the owner is reminded this long before a case's deadline. */
  caseRemindMinutes: z.number().int().min(5).max(4_320).default(240),
  /** R-CMP-2: an open case with no action for this many days is stalled in the month report. */
  caseStalledDays: z.number().int().min(1).max(60).default(3),
  /** R-EVAL-1: how many levels the pads show (4: 非常满意 … 不满意; 5 adds 非常不满意). */
  ratingLevels: LevelCount.default(4),
  /** R-EVAL-1: finishing a ticket invites the rating at once; otherwise the clerk invites it. */
  ratingOnFinish: z.boolean().default(true),
  /** R-EVAL-1: a request not answered within this many seconds is recorded as no_rating. */
  ratingWindowSeconds: z.number().int().min(5).max(300).default(30),
  /** R-EVAL-1: reason tags a customer may add to a lower rating (codes; the screens word the known ones). */
  ratingReasons: z
    .array(z.string().regex(/^[a-z][a-z0-9_]{0,23}$/))
    .max(12)
    .default(['waiting', 'attitude', 'skill', 'process', 'environment']),
  /** R-EVAL-1: the keypad keys for the levels, best first (a USB keypad types into the customer window). */
  ratingKeys: z.array(z.string().min(1).max(12)).length(5).default(['1', '2', '3', '4', '5']),
  /** R-HAND-2: the fixed handover list: the kinds of item a handover is written in. */
  handoverKinds: z
    .array(z.string().regex(/^[a-z][a-z0-9_]{0,23}$/))
    .min(1)
    .max(16)
    .default([...KNOWN_KINDS]),
  /** R-HAND-1: a handover not signed within this many minutes alerts the duty manager. */
  handoverUnsignedMinutes: z.number().int().min(5).max(1_440).default(30),
  /** R-VIS-1: a visitor above this temperature (°C) is turned away and the contact person alerted. */
  visitorTemperatureLimitC: z.number().min(36).max(40).default(37.3),
  /** R-VIS-1: who is told of a visitor turned away (shown with the alert). */
  visitorContact: SafeText(60).default('值班主任'),
  /** R-REC-1: how long each record type is kept on a node before it is archived, in days. */
  retentionDays: z
    .object({
      visitors: z.number().int().min(1).max(3_650),
      tools: z.number().int().min(1).max(3_650),
      meetings: z.number().int().min(1).max(3_650),
      handovers: z.number().int().min(1).max(3_650),
    })
    .strict()
    .default({ visitors: 180, tools: 365, meetings: 1_095, handovers: 1_095 }),
  /** R-SCR-1: the hall's notice on the idle customer screens. */
  hallNotice: SafeText(200).default('请妥善保管随身财物，办理业务请出示有效证件。'),
  hallNoticeEn: z.string().max(300).default('Please keep your belongings with you and have your ID ready.'),
  /** R-SCR-1, R-FR-3, R-FR-4: each business type's steps, required materials and promised days. */
  serviceGuides: ServiceGuides.default(DEMO_GUIDES),
});
export type Settings = z.infer<typeof Settings>;
export type SettingKey = keyof Settings;

/** R-HRS-1: a hall opens before it closes, within one day (17:00–08:00 would never issue a number). */
export function hoursInOrder(s: Pick<Settings, 'openingTime' | 'closingTime'>): boolean {
  return s.openingTime < s.closingTime;
}

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

/**
 * A partial update as the manager screen sends it: every key optional, every value checked. Built from
 * the fields *without* their defaults: zod 4 fills a default even inside `.partial()`, which made every
 * patch silently reset all the other settings to their defaults.
 */
const patchFields = Object.fromEntries(
  Object.entries(Settings.shape).map(([key, field]) => [key, field.unwrap().optional()]),
);
export const SettingsPatch: z.ZodType<Partial<Settings>> = z
  .object(patchFields)
  .strict() as unknown as z.ZodType<Partial<Settings>>;
export type SettingsPatch = Partial<Settings>;
