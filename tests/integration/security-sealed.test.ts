import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { stmt } from '../../db/projections/index.ts';
import { pullOnce } from '../../hall/sync/pull.ts';
import { startHallNode } from '../../hall/node.ts';
import type { TestHall } from '../support/hall.ts';
import { test } from '../support/fixtures.ts';
import { drain, startStation } from '../support/sync.ts';
import { upstreams } from '../../hall/sync/upstreams.ts';

/**
 * Issue 9: a station kept its upstream token in clear in SQLite. With the key the desktop shell keeps
 * in the OS key store, the token is sealed at rest: the database file and its backups give it away no more.
 */

/** A demo hub and a station paired with it whose hub token is sealed with `key`. */
const it = test.extend(
  'stationWithKey',
  ({ demoHall, later }) =>
    async (key: Buffer): Promise<{ hub: TestHall; station: TestHall; token: string }> => {
      const hub = await demoHall();
      const station = later(await startStation(hub, 3, { sync: false, secretKey: key }));
      const stored = stmt(
        station.node.ctx.db,
        "SELECT token FROM local_upstreams WHERE name = 'hub'",
      ).get() as {
        token: string;
      };
      return { hub, station, token: stored.token };
    },
);

describe('security: upstream token at rest (issue 9)', () => {
  it('security: with the shell’s key a station’s hub token is sealed in SQLite and still works', async ({
    stationWithKey,
  }) => {
    const key = randomBytes(32);
    const { station } = await stationWithKey(key);
    const db = station.node.ctx.db;
    const stored = stmt(db, "SELECT token FROM local_upstreams WHERE name = 'hub'").get() as {
      token: string;
    };
    expect(stored.token).toMatch(/^sealed:v1:/);
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
    stationWithKey,
  }) => {
    const key = randomBytes(32);
    const { station } = await stationWithKey(key);
    const dataDir = station.dataDir;
    await station.node.close();
    await expect(
      startHallNode({ dataDir, port: 0, logLevel: 'silent', timers: false, sync: false }),
    ).rejects.toThrow(/sealed with the desktop shell's key/);
    await expect(
      startHallNode({
        dataDir,
        port: 0,
        logLevel: 'silent',
        timers: false,
        sync: false,
        secretKey: randomBytes(32),
      }),
    ).rejects.toThrow(/not the key/);
    const again = await startHallNode({
      dataDir,
      port: 0,
      logLevel: 'silent',
      timers: false,
      sync: false,
      secretKey: key,
    });
    await again.close();
  });

  it('security: a token stored in clear before the shell had a key is sealed on the first start with one', async ({
    later,
    demoHall,
  }) => {
    const hub = await demoHall();
    const plain = later(await startStation(hub, 4, { sync: false }));
    const dataDir = plain.dataDir;
    const before = stmt(plain.node.ctx.db, "SELECT token FROM local_upstreams WHERE name = 'hub'").get() as {
      token: string;
    };
    expect(before.token).not.toMatch(/^sealed:/);
    await plain.node.close();
    const key = randomBytes(32);
    const sealed = await startHallNode({
      dataDir,
      port: 0,
      logLevel: 'silent',
      timers: false,
      sync: false,
      secretKey: key,
    });
    later(sealed);
    const after = stmt(sealed.ctx.db, "SELECT token FROM local_upstreams WHERE name = 'hub'").get() as {
      token: string;
    };
    expect(after.token).toMatch(/^sealed:v1:/);
    const file = readFileSync(path.join(dataDir, 'hall.sqlite')).toString('latin1');
    expect(file.includes(before.token)).toBe(false);
    await expect(pullOnce(sealed.ctx, 'hub')).resolves.toMatchObject({
      version: expect.any(Number) as unknown,
    });
  });
});
