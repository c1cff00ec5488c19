import type { Ipc } from '../shared/ipc.ts';
import { LoginReply } from '../shared/api/schemas.ts';

type ExitResult = Ipc['shell:exit']['result'];

/** Staff roles that may close a locked public window. */
const MAY_EXIT: ReadonlySet<string> = new Set(['manager', 'admin']);

/**
 * A locked window's way out (DESIGN §5): the duty manager's staff number and PIN, checked by the hub's
 * own sign-in (same lock-out as any sign-in); the session it opens is ended at once. Nodes are tried in
 * order and the next one only when one does not answer at all: a wrong PIN at the hub is final.
 */
export async function checkManagerPin(
  fetchFn: typeof fetch,
  nodeUrls: readonly string[],
  staffNo: string,
  pin: string,
): Promise<ExitResult> {
  for (const base of nodeUrls) {
    let res: Response;
    try {
      res = await fetchFn(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ staffNo, pin }),
        signal: AbortSignal.timeout(5_000),
      });
    } catch {
      continue;
    }
    if (!res.ok) return { ok: false, code: 'E_PIN' };
    const reply = LoginReply.safeParse(await res.json().catch(() => null));
    if (!reply.success) return { ok: false, code: 'E_PIN' };
    await fetchFn(`${base}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${reply.data.token}` },
      body: '{}',
    }).catch(() => undefined);
    return MAY_EXIT.has(reply.data.staff.role) ? { ok: true } : { ok: false, code: 'E_NOT_MANAGER' };
  }
  return { ok: false, code: 'E_HUB_UNREACHABLE' };
}
