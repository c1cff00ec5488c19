/**
 * The calling order (DESIGN §3), as pure functions so that the hub, the screens and the property
 * tests all agree on it.
 */
export interface Queued {
  id: string;
  number: string;
  serviceCode: string;
  priority: boolean;
  internal: boolean;
  issuedAt: number;
  queuedAt: number;
  head: boolean;
  targetCounterNo: number | null;
}

export interface OrderingRules {
  maxWaitGuardMinutes: number;
  consecutivePriorityCap: number;
}

export interface Pick<T extends Queued> {
  ticket: T;
  /** Priority calls in a row after this pick (R-PRI-1). */
  streak: number;
  why: 'max-wait' | 'head' | 'priority' | 'cap-normal' | 'fifo';
}

const byQueued = (a: Queued, b: Queued) => a.queuedAt - b.queuedAt || a.issuedAt - b.issuedAt || cmp(a, b);
const byIssued = (a: Queued, b: Queued) => a.issuedAt - b.issuedAt || cmp(a, b);
const cmp = (a: Queued, b: Queued) =>
  a.number < b.number ? -1 : a.number > b.number ? 1 : a.id < b.id ? -1 : 1;

function oldest<T extends Queued>(
  list: readonly T[],
  order: (a: Queued, b: Queued) => number,
): T | undefined {
  let best: T | undefined;
  for (const t of list) if (!best || order(t, best) < 0) best = t;
  return best;
}

/** The ticket to call next from `candidates`, or null when none waits. */
export function pickNext<T extends Queued>(
  candidates: readonly T[],
  rules: OrderingRules,
  now: number,
  streak: number,
): Pick<T> | null {
  if (candidates.length === 0) return null;
  const after = (ticket: T, why: Pick<T>['why']): Pick<T> => ({
    ticket,
    why,
    streak: ticket.priority ? streak + 1 : 0,
  });

  // 1. The max-wait guard: a ticket waiting longer than the guard goes first, oldest first.
  const guardMs = rules.maxWaitGuardMinutes * 60_000;
  const overdue = oldest(
    candidates.filter((t) => now - t.issuedAt > guardMs),
    byIssued,
  );
  if (overdue) return after(overdue, 'max-wait');

  // A transfer or a return "to the head" goes before the ordinary queue.
  const head = oldest(
    candidates.filter((t) => t.head),
    byQueued,
  );
  if (head) return after(head, 'head');

  // R-PRI-2: external customers before internal staff requests.
  const external = candidates.filter((t) => !t.internal);
  const pool = external.length > 0 ? external : candidates;

  // R-PRI-1: priority first, but after N priority calls in a row one normal ticket if any waits.
  const normal = oldest(
    pool.filter((t) => !t.priority),
    byQueued,
  );
  const priority = oldest(
    pool.filter((t) => t.priority),
    byQueued,
  );
  if (priority && normal && streak >= rules.consecutivePriorityCap) return after(normal, 'cap-normal');
  if (priority) return after(priority, 'priority');
  // 3. Otherwise oldest first — never newest first.
  return normal ? after(normal, 'fifo') : null;
}

/**
 * Every candidate in the order the hall would call them if nobody else arrived: exactly the tickets
 * `pickNext` would choose one after another, built by sorting each class once rather than by picking
 * repeatedly (every issue computes it for the people ahead; picking was quadratic in the queue).
 */
export function callingOrder<T extends Queued>(
  candidates: readonly T[],
  rules: OrderingRules,
  now: number,
  streak: number,
): T[] {
  const order: T[] = [];
  let s = streak;
  const take = (t: T) => {
    order.push(t);
    s = t.priority ? s + 1 : 0;
  };
  // With `now` fixed, the guard's set does not change while picking: all overdue go first, oldest first.
  const guardMs = rules.maxWaitGuardMinutes * 60_000;
  const overdue = (t: T) => now - t.issuedAt > guardMs;
  candidates.filter(overdue).sort(byIssued).forEach(take);
  const inGuard = candidates.filter((t) => !overdue(t));
  inGuard
    .filter((t) => t.head)
    .sort(byQueued)
    .forEach(take);
  const rest = inGuard.filter((t) => !t.head);
  // R-PRI-2: external before internal; within each, R-PRI-1 interleaves priority and normal.
  for (const pool of [rest.filter((t) => !t.internal), rest.filter((t) => t.internal)]) {
    const priority = pool.filter((t) => t.priority).sort(byQueued);
    const normal = pool.filter((t) => !t.priority).sort(byQueued);
    let p = 0;
    let q = 0;
    while (p < priority.length || q < normal.length) {
      if (p < priority.length && (q >= normal.length || s < rules.consecutivePriorityCap))
        take(priority[p++]!);
      else take(normal[q++]!);
    }
  }
  return order;
}

/** Which waiting tickets a counter may call: its services, and tickets not aimed at another counter. */
export function eligibleFor<T extends Queued>(
  tickets: readonly T[],
  counter: { counterNo: number; services: readonly string[] },
): T[] {
  return tickets.filter(
    (t) =>
      (t.targetCounterNo === null && counter.services.includes(t.serviceCode)) ||
      t.targetCounterNo === counter.counterNo,
  );
}
