import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkPrinter,
  pdfArchivePath,
  printLabel,
  printPageUrl,
  rollPageSize,
} from '../../electron/printing.ts';
import { checkManagerPin } from '../../electron/exit.ts';
import { resolveAppFile } from '../../electron/appFiles.ts';

const NODE = 'http://127.0.0.1:8360';

describe('silent printing: which page, which printer, what size', () => {
  it("the shell loads the print page of the sender's own node, on this PC's roll whatever the button said", () => {
    expect(printPageUrl(NODE, '/print?receipt=r1&paper=80&as=counter', '58')).toBe(
      `${NODE}/print?receipt=r1&paper=58&as=counter`,
    );
    expect(printPageUrl(NODE, '/print?z=2026-11-29&auto=1', '80')).toBe(
      `${NODE}/print?z=2026-11-29&paper=80`,
    );
  });

  it('a path that leaves the node or the print page is not loaded', () => {
    expect(printPageUrl(NODE, '//evil.example/print?x', '80')).toBeNull();
    expect(printPageUrl(NODE, '/manager?x=1', '80')).toBeNull();
    expect(printPageUrl(NODE, '/print/../manager', '80')).toBeNull();
  });

  it("the page is the roll's width and as long as the slip (at least a tear-off length)", () => {
    expect(rollPageSize('80', 96 * 4)).toEqual({ width: 80_000, height: 106_000 });
    expect(rollPageSize('58', 10)).toEqual({ width: 58_000, height: 60_000 });
  });

  it('a missing, stopped or absent printer is an error the screen shows, before any job is sent', () => {
    expect(checkPrinter([], null)).toEqual({ ok: false, error: 'no printer is installed on this PC' });
    expect(checkPrinter([{ name: 'EPSON' }], 'XP-80')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not connected/),
    });
    const stopped = { name: 'XP-80', options: { 'printer-state': '5' } };
    expect(checkPrinter([stopped], 'XP-80')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/offline/),
    });
    const refusing = { name: 'XP-80', options: { 'printer-is-accepting-jobs': 'false' } };
    expect(checkPrinter([refusing], 'XP-80').ok).toBe(false);
    expect(checkPrinter([{ name: 'XP-80', options: { 'printer-state': '3' } }], 'XP-80')).toEqual({
      ok: true,
      deviceName: 'XP-80',
    });
    expect(checkPrinter([{ name: 'XP-80' }], null)).toEqual({ ok: true, deviceName: undefined });
  });

  it('a slip that could not print is archived as a PDF under its day, named for the record', () => {
    const at = new Date(2026, 10, 29, 9, 5, 7);
    expect(pdfArchivePath('/a', at, printLabel(`${NODE}/print?receipt=AB12CD-7&paper=80`))).toBe(
      path.join('/a', '2026-11-29', '090507-receipt-AB12CD-7.pdf'),
    );
    expect(pdfArchivePath('/a', at, '../../etc/passwd')).toBe(
      path.join('/a', '2026-11-29', '090507-_etc_passwd.pdf'),
    );
  });
});

describe("a locked window's way out: the manager's PIN at the hub", () => {
  const HUB = 'http://10.0.0.2:8360';
  type Reply = { status: number; body?: unknown } | 'down';
  const fakeFetch = (replies: Record<string, Reply>) => {
    const calls: string[] = [];
    const f = (async (url: string) => {
      calls.push(url);
      const r = replies[url] ?? { status: 200, body: {} };
      if (r === 'down') throw new TypeError('fetch failed');
      return new Response(JSON.stringify(r.body ?? {}), { status: r.status });
    }) as unknown as typeof fetch;
    return { f, calls };
  };
  const login = (role: string) => ({
    status: 200,
    body: { token: 't', staff: { id: 's', staffNo: '9001', name: '王', role }, counterNo: null },
  });

  it("a duty manager's PIN lets the shell quit, and the session it opened is ended", async () => {
    const { f, calls } = fakeFetch({ [`${HUB}/api/v1/auth/login`]: login('manager') });
    expect(await checkManagerPin(f, [HUB, NODE], '9001', '123456')).toEqual({ ok: true });
    expect(calls).toEqual([`${HUB}/api/v1/auth/login`, `${HUB}/api/v1/auth/logout`]);
  });

  it("a clerk's right PIN is not enough", async () => {
    const { f } = fakeFetch({ [`${HUB}/api/v1/auth/login`]: login('clerk') });
    expect(await checkManagerPin(f, [HUB], '1001', '123456')).toEqual({ ok: false, code: 'E_NOT_MANAGER' });
  });

  it('a wrong PIN at the hub is final: the station is not asked instead', async () => {
    const { f, calls } = fakeFetch({ [`${HUB}/api/v1/auth/login`]: { status: 401 } });
    expect(await checkManagerPin(f, [HUB, NODE], '9001', '000000')).toEqual({ ok: false, code: 'E_PIN' });
    expect(calls).toHaveLength(1);
  });

  it("with the hub down the station's own sign-in decides; with both down the answer says so", async () => {
    const up = fakeFetch({
      [`${HUB}/api/v1/auth/login`]: 'down',
      [`${NODE}/api/v1/auth/login`]: login('manager'),
    });
    expect(await checkManagerPin(up.f, [HUB, NODE], '9001', '123456')).toEqual({ ok: true });
    const down = fakeFetch({ [`${HUB}/api/v1/auth/login`]: 'down', [`${NODE}/api/v1/auth/login`]: 'down' });
    expect(await checkManagerPin(down.f, [HUB, NODE], '9001', '123456')).toEqual({
      ok: false,
      code: 'E_HUB_UNREACHABLE',
    });
  });
});

describe("the shell's own pages (servicehall://app) come from the renderer's build only", () => {
  const dist = path.resolve('/opt/ServiceHall/renderer/dist');
  it('a route is index.html, an asset is its file', () => {
    expect(resolveAppFile(dist, '/shell-setup')).toBe(path.join(dist, 'index.html'));
    expect(resolveAppFile(dist, '/assets/index-1.js')).toBe(path.join(dist, 'assets', 'index-1.js'));
  });
  it('nothing outside the build folder is served', () => {
    expect(resolveAppFile(dist, '/../../../etc/hosts.txt')).toBe(path.join(dist, 'etc', 'hosts.txt'));
    expect(resolveAppFile(dist, '/%2e%2e/%2e%2e/secret.txt')).toBe(path.join(dist, 'secret.txt'));
    expect(resolveAppFile(dist, '/%E0%A4%A')).toBeNull();
    expect(resolveAppFile(dist, '/a%00.js')).toBeNull();
  });
});
