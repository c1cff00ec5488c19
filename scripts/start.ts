// `npm start`: the demo hall on its embedded defaults. Launches Electron when its binary is installed;
// otherwise opens the surfaces in Debian Chromium app windows, or prints their URLs when there is no display.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startHallNode } from '../hall/node.ts';

const dataDir = path.resolve(process.env.SERVICEHALL_DATA ?? '.data/demo-hall');
const port = Number(process.env.PORT ?? 8360);

function electronBinary(): string | null {
  try {
    const bin = createRequire(import.meta.url)('electron') as unknown;
    return typeof bin === 'string' && existsSync(bin) ? bin : null;
  } catch {
    return null; // the package is installed but its binary was never downloaded
  }
}

function chromiumBinary(): string | null {
  for (const bin of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'])
    if (existsSync(bin)) return bin;
  return null;
}

const electron = electronBinary();
if (electron) {
  const built = spawnSync('npx', ['tsx', 'scripts/build-electron.ts'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const child = spawn(electron, ['.'], { stdio: 'inherit', env: { ...process.env, SERVICEHALL_DEMO: '1' } });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    'Electron binary not installed (run `npx install-electron` where its download is reachable); using the browser.',
  );
  const node = await startHallNode({ dataDir, port, demo: true });
  const devices = node.demoDevices;
  const urls = {
    kiosk: `${node.url}/kiosk${devices ? `#token=${devices.kiosk}` : ''}`,
    display: `${node.url}/display${devices ? `#token=${devices.display}` : ''}`,
    counter: `${node.url}/counter?counter=1`,
    manager: `${node.url}/manager`,
  };
  console.log(`\nServiceHall demo hall on ${node.url} (data in ${dataDir})`);
  console.log('Sign in: manager 9001, clerks 1001–1006 at counters 1–6, PIN 123456');
  for (const [surface, url] of Object.entries(urls)) console.log(`  ${surface.padEnd(8)} ${url}`);
  const chromium = chromiumBinary();
  if (chromium && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) {
    const profile = path.join(dataDir, 'chromium-profile');
    mkdirSync(profile, { recursive: true });
    for (const url of Object.values(urls)) {
      spawn(
        chromium,
        [
          `--app=${url}`,
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
  const stop = async () => {
    await node.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
