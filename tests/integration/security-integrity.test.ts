import { describe, expect } from 'vitest';
import { stmt } from '../../db/projections/index.ts';
import { verifyJournal } from '../../db/verify.ts';
import { parseStoredRow } from '../../db/journal.ts';
import { rowHash } from '../../shared/journal/hash.ts';
import { canonicalJson } from '../../shared/journal/canonical.ts';
import { checkAgainstHeadOffice } from '../../hall/sync/integrity.ts';
import type { TestHall } from '../support/hall.ts';
import { BACKEND } from '../support/headoffice.ts';
import { it } from '../support/fixtures.ts';
import { runCli } from '../support/child.ts';
import { withJournalGuardsLifted } from '../support/rows.ts';
import { hubToken } from '../support/sync.ts';
import { z } from 'zod';
import { HallStatus } from '../../shared/api/console.ts';
import { DeviceAck } from '../../shared/sync/protocol.ts';
import { Health } from '../../shared/api/schemas.ts';
import { parseReply } from '../support/http.ts';

const Acks = z.array(DeviceAck);
const Halls = z.array(HallStatus);

/** Issue 9, item 3: a hall cannot rewrite what head office already acknowledged (DESIGN §2, §4). */

/** Edits one row's payload and re-hashes it and every later row of the device: the chain verifies. */
function rewriteHistory(hub: TestHall, seq: number): void {
  const db = hub.node.ctx.db;
  const device = hub.node.ctx.deviceId;
  const rows = (
    db
      .prepare('SELECT * FROM journal WHERE device_id = ? AND device_seq >= ? ORDER BY device_seq')
      .all(device, seq) as Parameters<typeof parseStoredRow>[0][]
  ).map(parseStoredRow);
  let prev = rows[0]!.prev_hash;
  withJournalGuardsLifted(db, () => {
    for (const [i, r] of rows.entries()) {
      const payload = i === 0 ? { ...r.payload, forged: true } : r.payload;
      // rowHash leaves out the row's own hash, so the stored row re-hashes with its new fields as it is.
      const hash = rowHash({ ...r, payload, prev_hash: prev });
      db.prepare('UPDATE journal SET payload = ?, prev_hash = ?, hash = ? WHERE id = ?').run(
        canonicalJson(payload),
        prev,
        hash,
        r.id,
      );
      prev = hash;
    }
  });
}

function deleteLastRows(hub: TestHall, n: number): void {
  const db = hub.node.ctx.db;
  withJournalGuardsLifted(db, () => {
    db.prepare(
      `DELETE FROM journal WHERE device_id = @d AND device_seq > (SELECT max(device_seq) - @n FROM journal WHERE device_id = @d)`,
    ).run({ d: hub.node.ctx.deviceId, n });
  });
}

describe(`the hall's journal against head office on ${BACKEND}`, () => {
  it('security: a rewritten and re-hashed journal passes the local verify but not verify --against-headoffice', async ({
    tho,
    syncedHub,
  }) => {
    const hub = await syncedHub();
    const last = hub.node.ctx.journal.lastSeq();
    rewriteHistory(hub, last - 2);
    // The local verifier alone cannot tell: every chain still verifies.
    expect(verifyJournal(hub.node.ctx.db).firstBreak).toBeNull();

    const cli = await runCli('hall', ['verify', '--against-headoffice', '--data', hub.dataDir]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('every hash chain verifies');
    expect(cli.stdout).toMatch(
      new RegExp(`MISMATCH with head office: device ${hub.node.ctx.deviceId} seq ${last}`),
    );
    // Head office recorded the mismatch report and shows it with the hall.
    const halls = parseReply(Halls, await tho.request('GET', '/halls'));
    expect(halls.find((h) => h.hallId === hub.hoHallId)!.integrity!.mismatches).toMatchObject([
      { deviceId: hub.node.ctx.deviceId, reason: 'hash_differs' },
    ]);
  });

  it('security: deleting the last acknowledged rows is a mismatch (the hall ends below ackedSeq)', async ({
    syncedHub,
  }) => {
    const hub = await syncedHub();
    const acked = hub.node.ctx.journal.lastSeq();
    deleteLastRows(hub, 2);
    expect(verifyJournal(hub.node.ctx.db).firstBreak).toBeNull();
    const check = await checkAgainstHeadOffice(hub.node.ctx.db, hub.node.ctx.clock);
    expect(check.mismatches).toEqual([
      expect.objectContaining({
        deviceId: hub.node.ctx.deviceId,
        ackedSeq: acked,
        hallSeq: acked - 2,
        reason: 'rows_deleted',
      }),
    ]);
  });

  it('security: a row edited in place (its stored hash kept) before the acknowledged seq is found by the hub’s periodic check', async ({
    syncedHub,
  }) => {
    const hub = await syncedHub();
    const db = hub.node.ctx.db;
    withJournalGuardsLifted(db, () =>
      db
        .prepare(
          `UPDATE journal SET payload = json_set(payload, '$.forged', 1) WHERE device_id = ? AND device_seq = 2`,
        )
        .run(hub.node.ctx.deviceId),
    );
    const check = await checkAgainstHeadOffice(db, hub.node.ctx.clock);
    expect(check.mismatches).toEqual([
      expect.objectContaining({ deviceId: hub.node.ctx.deviceId, reason: 'chain_broken', seq: 2 }),
    ]);
    const health = parseReply(Health, await hub.request('GET', '/health'));
    expect(health.ok).toBe(false);
    expect(health.problems).toEqual([
      expect.objectContaining({ code: 'E_INTEGRITY', message: expect.stringMatching(/seq 2/) as unknown }),
    ]);
  });

  it('security: the hub’s own check raises the alarm on both sides: /health not ok with the reason, head office shows the report', async ({
    tho,
    syncedHub,
  }) => {
    const hub = await syncedHub();
    // An honest journal: no alarm anywhere.
    let check = await checkAgainstHeadOffice(hub.node.ctx.db, hub.node.ctx.clock);
    expect(check.mismatches).toEqual([]);
    let health = parseReply(Health, await hub.request('GET', '/health'));
    expect(health.ok).toBe(true);
    let halls = parseReply(Halls, await tho.request('GET', '/halls'));
    expect(halls.find((h) => h.hallId === hub.hoHallId)!.integrity).toBeNull();

    rewriteHistory(hub, 1);
    check = await checkAgainstHeadOffice(hub.node.ctx.db, hub.node.ctx.clock);
    expect(check.mismatches).toHaveLength(1);
    health = parseReply(Health, await hub.request('GET', '/health'));
    expect(health.ok).toBe(false);
    expect(health.problems).toEqual([
      expect.objectContaining({
        code: 'E_INTEGRITY',
        message: expect.stringMatching(/总部|head office/) as unknown,
      }),
    ]);
    expect(health.integrity!.mismatches).toMatchObject([{ reason: 'hash_differs' }]);
    halls = parseReply(Halls, await tho.request('GET', '/halls'));
    expect(halls.find((h) => h.hallId === hub.hoHallId)!.integrity).toMatchObject({
      reportedBy: hub.node.ctx.deviceId,
      mismatches: [{ deviceId: hub.node.ctx.deviceId, reason: 'hash_differs' }],
    });
  });

  it('security: the acks and report routes serve only a hub, only about its own hall, and refusals change nothing', async ({
    tho,
    syncedHub,
  }) => {
    const one = await syncedHub(2);
    const two = await syncedHub(1);
    const acks = await tho.request('GET', '/sync/v1/acks', { token: hubToken(one) });
    expect(acks.status).toBe(200);
    expect(acks.body).toEqual([
      {
        deviceId: one.node.ctx.deviceId,
        ackedSeq: one.node.ctx.journal.lastSeq(),
        hash: (
          stmt(one.node.ctx.db, 'SELECT hash FROM journal WHERE device_id = ? AND device_seq = ?').get(
            one.node.ctx.deviceId,
            one.node.ctx.journal.lastSeq(),
          ) as { hash: string }
        ).hash,
      },
    ]);
    // Another hall's hub sees only its own hall's devices.
    const theirs = await tho.request('GET', '/sync/v1/acks', { token: hubToken(two) });
    expect(parseReply(Acks, theirs).map((a) => a.deviceId)).toEqual([two.node.ctx.deviceId]);
    // A console user (even the admin) and anonymous callers get nothing.
    expect((await tho.request('GET', '/sync/v1/acks')).status).toBe(403);
    expect((await tho.request('GET', '/sync/v1/acks', { token: null })).status).toBe(401);

    const reports = () => tho.sql.query('SELECT id FROM integrity_reports');
    const before = (await reports()).length;
    const report = (deviceId: string) => ({
      mismatches: [
        { deviceId, ackedSeq: 1, hallSeq: 0, hallHash: null, headOfficeHash: 'x', reason: 'rows_deleted' },
      ],
    });
    expect(
      (await tho.request('POST', '/sync/v1/integrity-reports', { body: report(one.node.ctx.deviceId) }))
        .status,
    ).toBe(403);
    expect(
      (
        await tho.request('POST', '/sync/v1/integrity-reports', {
          token: null,
          body: report(one.node.ctx.deviceId),
        })
      ).status,
    ).toBe(401);
    // Hall Two's hub cannot file a report about Hall One's devices.
    const foreign = await tho.request('POST', '/sync/v1/integrity-reports', {
      token: hubToken(two),
      body: report(one.node.ctx.deviceId),
    });
    expect(foreign.status).toBe(403);
    expect((await reports()).length).toBe(before);
  });
});
