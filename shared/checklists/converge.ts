import type { DueView } from './model.ts';

/**
 * What a station's counter shows (issue 13, local-first): its own view (the templates it pulled, its own
 * completions) laid over the hub's (every node's completions the hub holds), when the hub answered.
 * Per occurrence the completion that stands is the first by completion time, as the projections decide
 * once both have synced; a completion of this node the hub does not hold yet stands over the hub's
 * later one (which is then listed beside it), and its on-time status wins over a missed mark the hub
 * made without it. Occurrences only one side knows are kept. Pure: no clock, no I/O.
 */
export function mergeDue(local: readonly DueView[], hub: readonly DueView[] | null): DueView[] {
  if (hub === null) return [...local];
  const byId = new Map(hub.map((h) => [h.occurrenceId, h]));
  for (const l of local) {
    const h = byId.get(l.occurrenceId);
    if (!h) byId.set(l.occurrenceId, l);
    else if (l.completedAt !== null && (h.completedAt === null || l.completedAt < h.completedAt))
      byId.set(l.occurrenceId, {
        ...h,
        status: l.status,
        missed: l.missed,
        completedAt: l.completedAt,
        completedBy: l.completedBy,
        alsoCompletedBy:
          h.completedAt === null
            ? h.alsoCompletedBy
            : [
                { staffNo: h.completedBy ?? '', completedAt: h.completedAt, late: h.status === 'late' },
                ...h.alsoCompletedBy,
              ],
      });
  }
  return [...byId.values()].sort((a, b) => a.dueAt - b.dueAt || a.templateCode.localeCompare(b.templateCode));
}
