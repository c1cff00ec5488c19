import * as read from '../../db/read.ts';
import { stmt } from '../../db/projections/index.ts';
import type { AmendBody, CompleteBody } from '../../shared/checklists/model.ts';
import { checkItems } from '../../shared/checklists/items.ts';
import { completionAt } from '../../shared/checklists/schedule.ts';
import type { ChecklistTemplate, CodedTemplate } from '../../shared/checklists/template.ts';
import { DomainError } from '../../shared/errors.ts';
import { localStamp, startOfDay } from '../../shared/time/businessDay.ts';
import type { StaffRole } from '../../shared/primitives.ts';
import { recordedByDevice, type WriteContext } from '../context.ts';
import {
  dueView,
  occurrenceById,
  openingToday,
  recordOf,
  template,
  unmarkedMissed,
  followups,
  followupRow,
  setUpAt,
} from './queries.ts';

/** Who fills in or signs a checklist: a staff member with their role. */
export interface Doer {
  staffId: string;
  role: StaffRole;
}

const isManagerRole = (r: StaffRole) => r === 'manager' || r === 'admin';

function known(ctx: WriteContext, occurrenceId: string) {
  const found = occurrenceById(ctx.db, occurrenceId);
  if (!found) throw new DomainError('E_UNKNOWN_CHECKLIST', { id: occurrenceId });
  return found;
}

/** A photo an item names must have been uploaded first. */
function photosKnown(ctx: WriteContext, items: readonly { photoSha256: string | null }[]) {
  const has = stmt(ctx.db, 'SELECT 1 FROM checklist_photos WHERE sha256 = ?');
  for (const i of items)
    if (i.photoSha256 !== null && !has.get(i.photoSha256))
      throw new DomainError('E_CHECKLIST_ITEMS', { detail: `no photo ${i.photoSha256.slice(0, 12)}…` });
}

/**
 * The entries checked against the template, their photos uploaded, and the follow-ups that failed
 * items open (R-OPEN-1).
 */
function checked(ctx: WriteContext, t: CodedTemplate, entries: CompleteBody['items'], complete: boolean) {
  const c = checkItems(t.items, entries, complete);
  if (!c.ok) throw new DomainError('E_CHECKLIST_ITEMS', { detail: c.detail });
  photosKnown(ctx, c.items);
  const followups = c.failed.map((itemCode) => ({ id: ctx.ids.next(), itemCode }));
  return { items: c.items, failed: c.failed, followups };
}

/** What a completion and an amendment reply: the record's status and what its items opened. */
function recorded(occurrenceId: string, late: boolean, c: ReturnType<typeof checked>) {
  return {
    occurrenceId,
    status: late ? ('late' as const) : ('done' as const),
    failed: c.failed,
    followups: c.followups.map((f) => f.id),
  };
}

/**
 * Completes an occurrence, signed by who did it. R-OPEN-1: a failed item (or a number outside its
 * limits) opens a fault follow-up for the supervisor. Once only (a second completion → 409); after
 * the due time it is recorded late (if the template allows), never on time.
 */
export function completeChecklist(ctx: WriteContext, by: Doer, occurrenceId: string, body: CompleteBody) {
  const { occurrence: o, template: t } = known(ctx, occurrenceId);
  if (t.role !== by.role && !isManagerRole(by.role))
    throw new DomainError('E_CHECKLIST_ROLE', { role: t.role });
  if (recordOf(ctx.db, o.occurrenceId)) throw new DomainError('E_CHECKLIST_DONE');
  const now = ctx.clock.now();
  const when = completionAt(o, now);
  if (when === 'early')
    throw new DomainError('E_CHECKLIST_EARLY', {
      at: localStamp(o.startAt, read.settings(ctx.db).timeZone).slice(0, 16),
    });
  if (when === 'closed') throw new DomainError('E_CHECKLIST_CLOSED');
  const c = checked(ctx, t, body.items, true);
  ctx.journal.append(
    'checklist.completed',
    {
      occurrenceId: o.occurrenceId,
      templateCode: t.code,
      day: o.day,
      dueAt: o.dueAt,
      staffId: by.staffId,
      late: when === 'late',
      items: c.items,
      followups: c.followups,
    },
    by.staffId,
  );
  return recorded(o.occurrenceId, when === 'late', c);
}

/** A correction of a completed checklist: a new record with its reason; the completion stays as it was. */
export function amendChecklist(ctx: WriteContext, by: Doer, occurrenceId: string, body: AmendBody) {
  const { occurrence: o, template: t } = known(ctx, occurrenceId);
  const rec = recordOf(ctx.db, o.occurrenceId);
  if (!rec) throw new DomainError('E_CHECKLIST_NOT_DONE');
  const c = checked(ctx, t, body.items, false);
  ctx.journal.append(
    'checklist.amended',
    {
      occurrenceId: o.occurrenceId,
      amendmentId: ctx.ids.next(),
      staffId: by.staffId,
      reason: body.reason,
      items: c.items,
      followups: c.followups,
    },
    by.staffId,
  );
  return recorded(o.occurrenceId, rec.late !== 0, c);
}

/** A manager (PIN checked by the route) countersigns a completed checklist someone else did. */
export function countersignChecklist(ctx: WriteContext, managerId: string, occurrenceId: string) {
  const { occurrence: o } = known(ctx, occurrenceId);
  const rec = recordOf(ctx.db, o.occurrenceId);
  if (!rec) throw new DomainError('E_CHECKLIST_NOT_DONE');
  if (rec.staff_id === managerId) throw new DomainError('E_APPROVER', { detail: 'not who did it' });
  if (rec.countersigned_by === null)
    ctx.journal.append(
      'checklist.countersigned',
      { occurrenceId: o.occurrenceId, staffId: managerId },
      managerId,
    );
  const now = ctx.clock.now();
  return dueView(ctx.db, now, null).find((d) => d.occurrenceId === o.occurrenceId) ?? null;
}

/** A photo, already checked by the route (an image, within the size limit, hashed): stored once per SHA-256. */
export function storePhoto(
  ctx: WriteContext,
  staffId: string,
  photo: {
    sha256: string;
    mime: 'image/jpeg' | 'image/png' | 'image/webp';
    dataBase64: string;
    bytes: number;
  },
) {
  const had = stmt(ctx.db, 'SELECT at FROM checklist_photos WHERE sha256 = ?').get(photo.sha256) as
    { at: number } | undefined;
  if (!had)
    ctx.journal.append(
      'checklist.photo',
      { sha256: photo.sha256, mime: photo.mime, dataBase64: photo.dataBase64, staffId },
      staffId,
    );
  return { sha256: photo.sha256, bytes: photo.bytes, mime: photo.mime, at: had?.at ?? ctx.clock.now() };
}

/** A manager resolves a fault follow-up, saying how. */
export function resolveFollowup(ctx: WriteContext, managerId: string, id: string, note: string) {
  const f = followupRow(ctx.db, id);
  if (!f) throw new DomainError('E_UNKNOWN_FOLLOWUP');
  if (f.resolved_at !== null) throw new DomainError('E_FOLLOWUP_RESOLVED');
  ctx.journal.append('checklist.followup_resolved', { followupId: id, staffId: managerId, note }, managerId);
  const now = ctx.clock.now();
  return followups(ctx.db, startOfDay(now, read.settings(ctx.db).timeZone));
}

/** A hall's own template: added or changed by its manager; head office's stay head office's. */
export function setHallTemplate(ctx: WriteContext, managerId: string, code: string, t: ChecklistTemplate) {
  const current = template(ctx.db, code);
  if (current?.source === 'headoffice') throw new DomainError('E_TEMPLATE_FROM_HO', { code });
  ctx.journal.append('checklist.template_set', { code, template: t, staffId: managerId }, managerId);
  return { ...template(ctx.db, code)!, code };
}

/** How far back the job looks for a window it has not recorded: it runs every minute, so a week covers a hub that was off. */
const MISSED_LOOKBACK_MS = 7 * 86_400_000;

/**
 * The hub's job: every occurrence whose due time passed undone is recorded missed, once, for ever.
 * Windows that ended before the hall was set up do not count (queries.ts setUpAt).
 */
export function markMissed(ctx: WriteContext): number {
  const now = ctx.clock.now();
  const setUp = setUpAt(ctx.db, now);
  const missed = unmarkedMissed(ctx.db, Math.max(setUp, now - MISSED_LOOKBACK_MS), now);
  for (const o of missed)
    ctx.journal.append(
      'checklist.missed',
      { occurrenceId: o.occurrenceId, templateCode: o.templateCode, day: o.day, dueAt: o.dueAt },
      recordedByDevice(ctx.deviceId),
    );
  return missed.length;
}

/** Staff signed in at a counter now, and the caller: R-CLOSE-1 wants two in the hall. */
function staffInHall(ctx: WriteContext, callerId: string | null): number {
  const ids = new Set(read.counters(ctx.db).flatMap((c) => (c.staffId ? [c.staffId] : [])));
  if (callerId) ids.add(callerId);
  return ids.size;
}

/**
 * The hall's day (R-OPEN-1, R-CLOSE-1): opening needs today's opening checklist done, closing two staff
 * signed in; a manager's override with a reason lets either through and is logged.
 */
export function hallDayCheck(
  ctx: WriteContext,
  open: boolean,
  callerId: string | null,
  override: { reason: string } | undefined,
): void {
  const now = ctx.clock.now();
  let blocked: DomainError | null = null;
  if (open) {
    const pending = openingToday(ctx.db, now);
    if (pending.length > 0)
      blocked = new DomainError('E_OPENING_CHECK', { name: pending.map((p) => p.name).join('、') });
  } else {
    const count = staffInHall(ctx, callerId);
    if (count < 2) blocked = new DomainError('E_TWO_STAFF', { count });
  }
  if (!blocked) return;
  if (!override || callerId === null) throw blocked;
  ctx.journal.append(
    'hall.overridden',
    {
      action: open ? 'open' : 'close',
      rule: open ? 'R-OPEN-1' : 'R-CLOSE-1',
      reason: override.reason,
      staffId: callerId,
    },
    callerId,
  );
}
