import * as read from '../../db/read.ts';
import type { CounterScreenState, CustomerView, OpenRatingRequest } from '../../shared/customer/screen.ts';
import { levelsFor, stars } from '../../shared/ratings/levels.ts';
import { isOpen } from '../../shared/ratings/machine.ts';
import type { JournalRow } from '../../shared/journal/row.ts';
import type { HallContext, Principal } from '../context.ts';
import { latestRequest, recentOutcomes, toState } from './queries.ts';

/**
 * What each counter's clerk shows the customer now (R-SCR-1, R-CASH-1): in memory on the node serving
 * the counter, never journaled: it is a view, and the records behind it are journaled by their own
 * commands. A restart forgets it until the counter screen pushes again (it does on every change).
 */
const states = new WeakMap<HallContext, Map<number, CounterScreenState>>();

/** Who is told when a counter's screen state changes without a commit (the live socket, hall/live). */
const watchers = new WeakMap<HallContext, Set<(counterNo: number) => void>>();

export function onScreenPublished(ctx: HallContext, watch: (counterNo: number) => void): () => void {
  let set = watchers.get(ctx);
  if (!set) watchers.set(ctx, (set = new Set()));
  set.add(watch);
  return () => set.delete(watch);
}

export function publish(ctx: HallContext, counterNo: number, state: CounterScreenState): void {
  let map = states.get(ctx);
  if (!map) states.set(ctx, (map = new Map()));
  map.set(counterNo, state);
  for (const watch of watchers.get(ctx) ?? []) watch(counterNo);
}

/** A counter's customer screen or pad: a screen paired here, or a pad device of the hall. */
export const screenCounter = (p: Principal): number | null =>
  p.kind === 'device' && p.role === 'pad' ? p.counterNo : null;

/** Events that change what every screen shows: the hall's name, notice, levels, its staff. */
const HALL_WIDE = /^(setting\.|hall\.|staff\.|reference\.)/;

/**
 * Which counters' screens committed rows change (their clerk, their rating request, a rating):
 * `'all'` for a hall-wide change.
 */
export function screensTouched(rows: readonly JournalRow[]): Set<number> | 'all' {
  const counters = new Set<number>();
  for (const r of rows) {
    if (HALL_WIDE.test(r.type)) return 'all';
    const no = (r.payload as { counterNo?: unknown }).counterNo;
    if (typeof no === 'number' && (r.type.startsWith('rating.') || r.type.startsWith('counter.')))
      counters.add(no);
  }
  return counters;
}

/** The counter's open request as a screen draws it, or null. */
export function openRequest(ctx: HallContext, counterNo: number): OpenRatingRequest | null {
  const r = latestRequest(ctx.db, counterNo);
  if (!r || !isOpen(toState(r), ctx.clock.now())) return null;
  const s = read.settings(ctx.db);
  return {
    requestId: r.id,
    counterNo,
    ticketNumber: r.ticket_number,
    expiresAt: r.expires_at,
    levels: levelsFor(s.ratingLevels),
    reasons: s.ratingReasons,
    keys: s.ratingKeys,
  };
}

/** Initials for the clerk's picture: the reference data holds no photos. */
const initials = (name: string): string =>
  /^[\p{Script=Han}]/u.test(name)
    ? ([...name][0] ?? '?')
    : name
        .split(/\s+/)
        .map((w) => w[0] ?? '')
        .join('')
        .slice(0, 2)
        .toUpperCase() || '?';

export function customerView(ctx: HallContext, counterNo: number): CustomerView {
  const s = read.settings(ctx.db);
  const hall = read.hall(ctx.db);
  const counter = read.counterByNo(ctx.db, counterNo);
  const staff = counter?.staffId ? read.staffById(ctx.db, counter.staffId) : null;
  const live = states.get(ctx)?.get(counterNo) ?? null;
  // A clerk who signed out leaves nothing of their customer on the screen.
  const current = staff ? live : null;
  const code = current?.ticket?.serviceCode;
  const service = code ? read.services(ctx.db).find((x) => x.code === code) : undefined;
  const outcomes = staff ? recentOutcomes(ctx.db, staff.id) : [];
  return {
    counterNo,
    hallName: s.hallName,
    demo: hall?.demo ?? false,
    notice: { zh: s.hallNotice, en: s.hallNoticeEn },
    now: ctx.clock.now(),
    clerk: staff
      ? {
          name: staff.name,
          staffNo: staff.staffNo,
          initials: initials(staff.name),
          stars: stars(outcomes),
          rated: outcomes.filter((o) => o !== 'no_rating').length,
        }
      : null,
    live: current,
    service: code
      ? {
          code,
          name: service?.name ?? code,
          nameEn: service?.nameEn ?? code,
          guide: s.serviceGuides[code] ?? null,
        }
      : null,
    rating: openRequest(ctx, counterNo),
    levelCount: s.ratingLevels,
  };
}
