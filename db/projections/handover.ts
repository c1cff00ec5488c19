import type { Db } from '../open.ts';
import type { Projectors } from './index.ts';
import { insertRow, stmt } from './index.ts';

/** The handover book (migration 0018): items first, so rebuild clears them before their handovers. */
export const HANDOVER_TABLES = ['handover_items', 'handovers'] as const;

/**
 * R-HAND-1: an item confirmed in a later handover resolves the item it was carried from, and so on up
 * the chain; a handover whose disagreements are all resolved takes its alert off the manager's list.
 */
function resolveUp(db: Db, handoverId: string, index: number, at: number): void {
  const row = stmt(db, 'SELECT item FROM handover_items WHERE handover_id = ? AND idx = ?').get(
    handoverId,
    index,
  ) as { item: string } | undefined;
  if (!row) return;
  stmt(
    db,
    'UPDATE handover_items SET resolved_at = ? WHERE handover_id = ? AND idx = ? AND resolved_at IS NULL',
  ).run(at, handoverId, index);
  const from = (JSON.parse(row.item) as { carriedFrom?: { handoverId: string; index: number } }).carriedFrom;
  if (from) resolveUp(db, from.handoverId, from.index, at);
  const open = stmt(
    db,
    'SELECT count(*) AS n FROM handover_items WHERE handover_id = ? AND confirmed = 0 AND resolved_at IS NULL',
  ).get(handoverId) as { n: number };
  if (open.n === 0)
    stmt(db, "UPDATE alerts SET open = 0 WHERE ref = ? AND kind = 'handover_disagreement'").run(handoverId);
}

export const handoverProjectors: Projectors = {
  'handover.written': (db, p, row) => {
    insertRow(db, 'handovers', {
      id: p.handoverId,
      device_id: row.device_id,
      counter_no: p.counterNo,
      writer_id: p.staffId,
      drawer_id: p.drawerId,
      written_at: row.occurred_at,
    });
    for (const [idx, item] of p.items.entries()) {
      insertRow(db, 'handover_items', { handover_id: p.handoverId, idx, item: JSON.stringify(item) });
      if (item.carriedFrom)
        stmt(db, 'UPDATE handover_items SET carried_into = ? WHERE handover_id = ? AND idx = ?').run(
          p.handoverId,
          item.carriedFrom.handoverId,
          item.carriedFrom.index,
        );
    }
  },
  'handover.accepted': (db, p, row) => {
    stmt(db, 'UPDATE handovers SET acceptor_id = ?, accepted_at = ?, disagreements = ? WHERE id = ?').run(
      p.staffId,
      row.occurred_at,
      p.disagreements,
      p.handoverId,
    );
    for (const a of p.items) {
      const { index, confirmed, note, ...answer } = a;
      stmt(
        db,
        'UPDATE handover_items SET confirmed = ?, note = ?, answer = ? WHERE handover_id = ? AND idx = ?',
      ).run(confirmed ? 1 : 0, note, JSON.stringify(answer), p.handoverId, index);
    }
    for (const a of p.items) if (a.confirmed) resolveUp(db, p.handoverId, a.index, row.occurred_at);
    stmt(db, "UPDATE alerts SET open = 0 WHERE ref = ? AND kind = 'handover_unsigned'").run(p.handoverId);
  },
  // R-HAND-1: the duty manager's opinion is the answer to the escalation, so its alert comes down.
  'handover.ruled': (db, p, row) => {
    stmt(db, 'UPDATE handovers SET opinion = ?, opinion_by = ?, opinion_at = ? WHERE id = ?').run(
      p.opinion,
      p.staffId,
      row.occurred_at,
      p.handoverId,
    );
    stmt(db, "UPDATE alerts SET open = 0 WHERE ref = ? AND kind = 'handover_disagreement'").run(p.handoverId);
  },
};
