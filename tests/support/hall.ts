import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jsonRequest, parseReply } from './http.ts';
import { LoginReply } from '../../shared/api/schemas.ts';
import { startHallNode, type HallNode, type HallNodeOptions } from '../../hall/node.ts';
import type { DemoDevices } from '../../hall/demo.ts';

/** A real hall node on a random port with its own temporary data directory (STYLE.md "Tests"). */
export interface TestHall {
  node: HallNode;
  url: string;
  dataDir: string;
  kioskToken: string;
  displayToken: string;
  /** Signs a staff member in (optionally at a counter) and returns the bearer token. */
  login(staffNo: string, counterNo?: number): Promise<string>;
  /** A JSON request; returns status and parsed body (or null). */
  request(
    method: string,
    url: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: unknown }>;
  /** Closes the node and removes a data directory it made; the first call does, later ones wait for it. */
  stop(): Promise<void>;
}

export function tempDir(prefix = 'servicehall-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** The demo kiosk's and display's tokens, as a demo start keeps them in its data directory (hall/demo.ts). */
export function demoDevices(dataDir: string): DemoDevices {
  return JSON.parse(readFileSync(path.join(dataDir, 'demo-devices.json'), 'utf8')) as DemoDevices;
}

export async function startTestHall(
  opts: Partial<HallNodeOptions> & { removeDataDir?: boolean } = {},
): Promise<TestHall> {
  const { removeDataDir = !opts.dataDir, ...nodeOpts } = opts;
  opts = nodeOpts;
  const dataDir = opts.dataDir ?? tempDir();
  const node = await startHallNode({
    demo: true,
    port: 0,
    logLevel: 'silent',
    timers: false,
    chainCheckDelayMs: 0,
    ...opts,
    dataDir,
  });
  const url = node.url;
  const request: TestHall['request'] = (method, target, o = {}) =>
    jsonRequest(method, `${url}/api/v1${target}`, o);
  let stopped: Promise<void> | null = null;
  return {
    node,
    url,
    dataDir,
    kioskToken: node.demoDevices?.kiosk ?? '',
    displayToken: node.demoDevices?.display ?? '',
    request,
    login: async (staffNo, counterNo) => {
      const res = await request('POST', '/auth/login', { body: { staffNo, pin: '123456', counterNo } });
      if (res.status !== 200) throw new Error(`login ${staffNo} failed: ${JSON.stringify(res.body)}`);
      return parseReply(LoginReply, res).token;
    },
    // Once: a test may stop it itself before its fixture does.
    stop: () =>
      (stopped ??= (async () => {
        await node.close();
        if (removeDataDir) rmSync(dataDir, { recursive: true, force: true });
      })()),
  };
}

let template: Promise<string> | null = null;

/**
 * The demo hall seeded once per test process (seeding hashes seven PINs with argon2, which is most of
 * a node's start time), copied into a fresh temporary directory for each hall. Every hall made from it
 * shares the template's hall and device ids, so use `startTestHall` where two halls must differ.
 */
export async function startDemoHall(opts: Partial<HallNodeOptions> = {}): Promise<TestHall> {
  template ??= (async () => {
    const dir = tempDir('servicehall-template-');
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const node = await startHallNode({
      demo: true,
      port: 0,
      logLevel: 'silent',
      timers: false,
      dataDir: dir,
    });
    await node.close();
    return dir;
  })();
  const dataDir = tempDir();
  cpSync(await template, dataDir, { recursive: true });
  return startTestHall({ ...opts, dataDir, removeDataDir: true });
}
