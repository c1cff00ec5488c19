import { stmt } from '../../db/projections/index.ts';
import * as read from '../../db/read.ts';
import { recordedByDevice, type WriteContext } from '../context.ts';
import { firstDisagreement, handoversToAlert } from './queries.ts';

type Kind = 'handover_unsigned' | 'handover_disagreement' | 'visitor_turned_away';

function raise(
  ctx: WriteContext,
  kind: Kind,
  counterNo: number | null,
  ref: string,
  facts: Record<string, string | number>,
): void {
  // Facts, not a sentence: the manager's screen words them in its own language (like away_overdue).
  ctx.journal.append(
    'alert.raised',
    { alertId: ctx.ids.next(), kind, counterNo, message: '', ref, facts },
    recordedByDevice(ctx.deviceId),
  );
}

interface VisitorRow {
  id: string;
  counter_no: number | null;
  temperature_c: number;
  limit_c: number;
}

/** R-VIS-1: the visitors turned away that the contact person has not been alerted of yet. */
function visitorsToAlert(ctx: WriteContext): VisitorRow[] {
  return stmt(
    ctx.db,
    `SELECT v.id, v.counter_no, v.temperature_c, v.limit_c FROM visitors v WHERE v.admitted = 0
       AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.ref = v.id AND a.kind = 'visitor_turned_away')`,
  ).all() as VisitorRow[];
}

/**
 * The hub's alerts about records, each raised once (issue 13): a handover unsigned longer than the
 * setting and one signed with disagreements (R-HAND-1, escalated to the duty manager), a visitor turned
 * away (R-VIS-1, the contact person is told). Run by a timer on the hub and at once when the hub itself
 * records such a visitor; the facts arrive from stations by sync. Pure in time: the clock is injected.
 */
export function raiseRecordAlerts(ctx: WriteContext): number {
  const s = read.settings(ctx.db);
  const now = ctx.clock.now();
  const { unsigned, disagreed } = handoversToAlert(ctx.db, now - s.handoverUnsignedMinutes * 60_000);
  for (const h of unsigned)
    raise(ctx, 'handover_unsigned', h.counter_no, h.id, {
      minutes: Math.floor((now - h.written_at) / 60_000),
      maxMinutes: s.handoverUnsignedMinutes,
    });
  for (const h of disagreed) {
    const first = firstDisagreement(ctx.db, h.id);
    raise(ctx, 'handover_disagreement', h.counter_no, h.id, {
      count: h.disagreements,
      item: (first?.index ?? 0) + 1,
      note: first?.note ?? '',
    });
  }
  const visitors = visitorsToAlert(ctx);
  for (const v of visitors)
    raise(ctx, 'visitor_turned_away', v.counter_no, v.id, {
      temperatureC: v.temperature_c,
      limitC: v.limit_c,
      contact: s.visitorContact,
    });
  return unsigned.length + disagreed.length + visitors.length;
}
