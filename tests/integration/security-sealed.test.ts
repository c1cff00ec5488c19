import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { stmt } from '../../db/projections/index.ts';
import { pullOnce } from '../../hall/sync/pull.ts';
import { startHallNode, type HallNode } from '../../hall/node.ts';
import type { Db } from '../../db/open.ts';
import type { TestHall } from '../support/hall.ts';
import { test } from '../support/fixtures.ts';
import { drain, startStation } from '../support/sync.ts';
import { upstreams } from '../../hall/sync/upstreams.ts';

/**
 * Issue 9: a station kept its upstream token in clear in SQLite. With the key the desktop shell keeps
 * in the OS key store, the token is sealed at rest: the database file and its backups give it away no more.
 */

/** The station's hub token as it is stored in SQLite: sealed or in clear. */
function storedHubToken(db: Db): string {
  return (stmt(db, "SELECT token FROM local_upstreams WHERE name = 'hub'").get() as { token: string }).token;
}

/** The station on its data directory again, as the shell starts it: with its key, another or none. */
function restart(dataDir: string, secretKey?: Buffer): Promise<HallNode> {
  return startHallNode({
    dataDir,
    port: 0,
    logLevel: 'silent',
    timers: false,
    sync: false,
    ...(secretKey ? { secretKey } : {}),
  });
}

/** A demo hub and a station paired with it, its hub token sealed with `key` when there is one. */
const it = test.extend(
  'pairedStation',
  ({ demoHall, later }) =>
    async (key?: Buffer): Promise<{ station: TestHall; token: string }> => {
      const hub = await demoHall();
      const station = later(await startStation(hub, 3, { sync: false, ...(key ? { secretKey: key } : {}) }));
      return { station, token: storedHubToken(station.node.ctx.db) };
    },
);

describe('security: upstream token at rest (issue 9)', () => {
  it('security: with the shell’s key a station’s hub token is sealed in SQLite and still works', async ({
    pairedStation,
  }) => {
    const key = randomBytes(32);
    const { station, token } = await pairedStation(key);
    const db = station.node.ctx.db;
    expect(token).toMatch(/^sealed:v1:/);
    // The real token is what the hub hashed; it appears nowhere in the database file.
    db.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(path.join(station.dataDir, 'hall.sqlite')).toString('latin1');
    const clear = upstreams(db)[0]!.token;
    expect(clear).toHaveLength(43); // 32 random bytes in base64url
    expect(file.includes(clear)).toBe(false);
    // It still pulls and pushes with it.
    await pullOnce(station.node.ctx, 'hub');
    const clerk = await station.login('1003', 3);
    expect(
      (
        await station.request('POST', '/walkins', {
          token: clerk,
          body: { serviceCode: 'A', startedAt: Date.now() - 1000 },
        })
      ).status,
    ).toBe(201);
    await drain(station.node);
    expect(station.node.senders[0]!.status()).toMatchObject({ backlogRows: 0, lastError: null });
  });

  it('security: a sealed token without the key (or with another) refuses to start with one clear line', async ({
    pairedStation,
  }) => {
    const key = randomBytes(32);
    const { station } = await pairedStation(key);
    const dataDir = station.dataDir;
    await station.node.close();
    await expect(restart(dataDir)).rejects.toThrow(/sealed with the desktop shell's key/);
    await expect(restart(dataDir, randomBytes(32))).rejects.toThrow(/not the key/);
    const again = await restart(dataDir, key);
    await again.close();
  });

  it('security: a token stored in clear before the shell had a key is sealed on the first start with one', async ({
    later,
    pairedStation,
  }) => {
    const { station: plain, token: before } = await pairedStation();
    const dataDir = plain.dataDir;
    expect(before).not.toMatch(/^sealed:/);
    await plain.node.close();
    const sealed = later(await restart(dataDir, randomBytes(32)));
    expect(storedHubToken(sealed.ctx.db)).toMatch(/^sealed:v1:/);
    const file = readFileSync(path.join(dataDir, 'hall.sqlite')).toString('latin1');
    expect(file.includes(before)).toBe(false);
    await expect(pullOnce(sealed.ctx, 'hub')).resolves.toMatchObject({
      version: expect.any(Number) as unknown,
    });
  });
});
