// `npm start`: the whole demo in one process on embedded stores — head office (PGlite), the demo hall's
// hub paired to it, and a counter PC (station) paired to the hub — so records flow from a counter to head
// office. Launches Electron when its binary is installed; otherwise opens the surfaces in Debian Chromium
// app windows, or prints their URLs when there is no display.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/open.ts';
import { startHallNode, type HallNode } from '../hall/node.ts';
import { upstreams, type UpstreamName } from '../hall/sync/upstreams.ts';
import { startHeadOffice } from '../headoffice/server.ts';
import { createHall } from '../headoffice/halls/service.ts';
import { electronBinary } from './electron-binary.ts';
import { windowsFor, type WindowSpec } from '../electron/roles.ts';
import { ShellConfig } from '../shared/shell/config.ts';

const DATA = path.resolve(process.env.SERVICEHALL_DATA_ROOT ?? '.data');
const dirs = {
  headoffice: path.join(DATA, 'demo-headoffice'),
  hub: path.resolve(process.env.SERVICEHALL_DATA ?? path.join(DATA, 'demo-hall')),
  station: path.join(DATA, 'demo-station'),
};
const ports = {
  headoffice: Number(process.env.HEADOFFICE_PORT ?? 8370),
  hub: Number(process.env.PORT ?? 8360),
  station: Number(process.env.STATION_PORT ?? 8362),
};
const STATION_COUNTER = 1;
const DEMO_PIN = '123456';

/** Counter 1 and its customer screen side by side, as on the counter PC's two displays; its pad below. */
function chromiumPlace(name: string): string[] {
  if (name === 'counter (station)') return ['--window-position=0,0', '--window-size=960,800'];
  if (name === 'customer (station)') return ['--window-position=960,0', '--window-size=960,800'];
  if (name === 'pad (station)') return ['--window-position=960,420', '--window-size=640,480'];
  return [];
}

function chromiumBinary(): string | null {
  for (const bin of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'])
    if (existsSync(bin)) return bin;
  return null;
}

/** Whether a node's data directory already holds the credential for this upstream (a later start). */
function isPaired(dataDir: string, upstream: UpstreamName): boolean {
  const file = path.join(dataDir, 'hall.sqlite');
  if (!existsSync(file)) return false;
  const db = openDatabase(file);
  try {
    return upstreams(db).some((u) => u.name === upstream);
  } finally {
    db.close();
  }
}

/** A one-time code for the station, made on the hub by the demo manager as the manager screen would. */
async function stationPairingCode(hub: HallNode): Promise<string> {
  const post = async (url: string, body: unknown, token?: string) => {
    const res = await fetch(`${hub.url}/api/v1${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const { token } = (await post('/auth/login', { staffNo: '9001', pin: DEMO_PIN })) as { token: string };
  const { code } = (await post(
    '/devices/pairing-codes',
    { role: 'counter', name: `${STATION_COUNTER} 号窗口电脑`, counterNo: STATION_COUNTER },
    token,
  )) as { code: string };
  return code;
}

async function startDemo() {
  const ho = await startHeadOffice({ dataDir: dirs.headoffice, port: ports.headoffice, demo: true });
  let hubLink: { url: string; code: string } | undefined;
  if (!isPaired(dirs.hub, 'headoffice')) {
    // First start: head office creates the hall and its one-time code, as an admin does in the console.
    const hall = await createHall(ho.ctx, '演示营业厅');
    hubLink = { url: ho.url, code: hall.pairingCode };
  }
  const hub = await startHallNode({
    dataDir: dirs.hub,
    port: ports.hub,
    demo: true,
    headoffice: hubLink,
  });
  const stationLink = isPaired(dirs.station, 'hub')
    ? undefined
    : { url: hub.url, code: await stationPairingCode(hub) };
  const station = await startHallNode({
    dataDir: dirs.station,
    port: ports.station,
    // 127.0.0.1 unless a pad tablet on the LAN should reach it (docs/security.md "A station on the LAN").
    host: process.env.STATION_HOST ?? '127.0.0.1',
    hub: stationLink,
  });
  return { ho, hub, station };
}

/**
 * DESIGN §6b: the demo hall has a rating pad paired to counter 1. The station serving counter 1 makes
 * the one-time codes its clerk would (hall/ratings): the customer screen and the pad pair themselves
 * with them as they open, so both work from the first start without a clerk typing a code.
 */
async function demoScreenCodes(station: HallNode) {
  const code = async (kind: 'customer' | 'pad') =>
    (await station.ctx.commits.run('makeScreenCode', STATION_COUNTER, kind)).value.code;
  return { customer: await code('customer'), pad: await code('pad') };
}

const electron = electronBinary();
if (electron) {
  const built = spawnSync('npx', ['tsx', 'scripts/build-electron.ts'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
} else {
  console.log(
    'Electron binary not installed (run `npx install-electron` where its download is reachable); using the browser.',
  );
}
process.env.LOG_LEVEL ??= 'warn';
const { ho, hub, station } = await startDemo();
const demoScreens = await demoScreenCodes(station);
const stop = async () => {
  await station.close();
  await hub.close();
  await ho.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
const devices = hub.demoDevices;
// The demo's two PCs, as the shell's setup would save them: their windows come from the same role logic.
const kioskPc = ShellConfig.parse({
  version: 1,
  node: { mode: 'hub' },
  roles: { kiosk: true, display: true },
});
const counterPc = ShellConfig.parse({
  version: 1,
  // Already paired by startDemo; the shell attached to a running node never uses the code.
  node: { mode: 'station', hubUrl: hub.url, pairingCode: 'PAIRED' },
  roles: { counter: { counterNo: STATION_COUNTER, customerScreen: true } },
});
const pcWindows: WindowSpec[] = [
  ...windowsFor(kioskPc, hub.url, { packaged: false, demoDevices: devices ?? {} }),
  ...windowsFor(counterPc, station.url, { packaged: false, demoScreens }),
];
const ON_STATION = new Set(['counter', 'customer', 'pad']);
const urls: Record<string, string> = {
  ...Object.fromEntries(
    pcWindows.map((w) => [ON_STATION.has(w.role) ? `${w.role} (station)` : w.role, w.url]),
  ),
  'counter (hub)': `${hub.url}/counter?counter=2`,
  manager: `${hub.url}/manager`,
  console: `${ho.url}/console`,
};
console.log(`\nServiceHall demo: head office, the demo hall's hub and one counter PC (station)`);
console.log(`  head office ${ho.url}  (PGlite in ${dirs.headoffice})`);
console.log(`  hub         ${hub.url}  (SQLite in ${dirs.hub})`);
console.log(`  station     ${station.url}  (SQLite in ${dirs.station}, counter ${STATION_COUNTER})`);
console.log(
  `Sign in: hall manager 9001, clerks 1001–1006 (1001 at counter ${STATION_COUNTER} on the station), ` +
    `head-office admin 0001 and viewer 0002; every PIN ${DEMO_PIN}`,
);
for (const [surface, url] of Object.entries(urls)) console.log(`  ${surface.padEnd(18)} ${url}`);
console.log(
  'A service recorded at the station reaches the hub, then head office (console → overview, halls).',
);
console.log(
  `Counter ${STATION_COUNTER}'s customer screen and rating pad pair themselves on opening (codes valid a few minutes).`,
);
if (electron) {
  // The shell is the counter PC on the demo station; the other surfaces are the URLs above.
  const shell = spawn(electron, ['.'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      SERVICEHALL_NODE_URL: station.url,
      SERVICEHALL_SHELL_CONFIG: JSON.stringify(counterPc),
      SERVICEHALL_DEMO_DEVICES: JSON.stringify(devices ?? {}),
      SERVICEHALL_DEMO_SCREENS: JSON.stringify(demoScreens),
    },
  });
  shell.on('exit', () => void stop());
} else {
  const chromium = chromiumBinary();
  if (chromium && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) {
    const profile = path.join(dirs.hub, 'chromium-profile');
    mkdirSync(profile, { recursive: true });
    for (const [name, url] of Object.entries(urls)) {
      spawn(
        chromium,
        [
          `--app=${url}`,
          ...chromiumPlace(name),
          `--user-data-dir=${profile}`,
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          // The display announces calls with no click to unlock sound.
          '--autoplay-policy=no-user-gesture-required',
        ],
        { stdio: 'ignore', detached: true },
      ).unref();
    }
  } else {
    console.log('\nNo display found: open the URLs above in a browser.');
  }
}
