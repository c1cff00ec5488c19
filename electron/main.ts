import { app, BrowserWindow, ipcMain, utilityProcess, type UtilityProcess } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IPC_CHANNELS, type Ipc, type IpcChannel, type ShellInfo } from '../shared/ipc.ts';
import { loadShellConfig, type ShellConfig } from './config.ts';
import { hardenSession, openWindow, type WindowSpec } from './windows.ts';
import { printTicket } from './print.ts';
import { nodeSecretKey } from './nodeKey.ts';
import { SECRET_KEY_ENV } from '../hall/auth/sealed.ts';

/**
 * The shell is thin (DESIGN §1): it starts the hall node in a utility process, opens the windows this
 * PC's role needs on the right displays, prints silently, and exposes the typed IPC of shared/ipc.ts.
 */
if (!app.requestSingleInstanceLock()) app.quit();

// A file URL's pathname is percent-encoded and, on Windows, starts with a slash (`/C:/Program%20Files/…`):
// only fileURLToPath gives a path the file system knows.
const here = path.dirname(fileURLToPath(import.meta.url));
const preload = path.join(here, 'preload.cjs');
const surfaces = new Map<number, ShellInfo>();
let node: UtilityProcess | null = null;

const hallDataDir = () => path.join(app.getPath('userData'), 'hall');

/** The demo hall's device tokens of the surfaces that need one (the counter signs its clerk in). */
type DemoDevices = Partial<Record<'kiosk' | 'display', string>>;

/**
 * The demo's kiosk and display tokens, so those windows work without pairing: handed over by
 * `npm start` (which runs the demo's nodes itself), or written by the shell's own demo node.
 */
function demoDevices(): DemoDevices {
  const handed = process.env.SERVICEHALL_DEMO_DEVICES;
  if (handed) return JSON.parse(handed) as DemoDevices;
  const file = path.join(hallDataDir(), 'demo-devices.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoDevices) : {};
}

function windowsFor(config: ShellConfig, base: string): WindowSpec[] {
  const devTools = !app.isPackaged;
  const locked = config.lockdown && app.isPackaged;
  switch (config.pc) {
    case 'kiosk':
    case 'display': {
      const token = demoDevices()[config.pc];
      const url = `${base}/${config.pc}${token ? `#token=${token}` : ''}`;
      return [{ surface: config.pc, url, display: 0, kiosk: locked, devTools }];
    }
    case 'counter': {
      const q = config.counterNo ? `?counter=${config.counterNo}` : '';
      // The customer window on the second screen (DESIGN §1) opens once the /customer surface exists.
      return [{ surface: 'counter', url: `${base}/counter${q}`, display: 0, kiosk: false, devTools }];
    }
  }
}

function startNode(config: ShellConfig): Promise<string> {
  // `npm start` runs the whole demo (head office, hub, station) itself and hands the shell its hub.
  const attached = process.env.SERVICEHALL_NODE_URL;
  if (attached) return waitForHealth(attached).then(() => attached);
  const args = ['--data', hallDataDir(), '--port', String(config.port)];
  if (config.demo || process.env.SERVICEHALL_DEMO === '1') args.push('--demo');
  // The node's upstream token is sealed at rest with a key the OS key store keeps (electron/nodeKey.ts).
  const key = nodeSecretKey(app.getPath('userData'));
  node = utilityProcess.fork(path.join(here, 'hall.js'), args, {
    serviceName: 'ServiceHall hall node',
    stdio: 'inherit',
    env: { ...process.env, ...(key ? { [SECRET_KEY_ENV]: key } : {}) },
  });
  node.on('exit', () => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send('node:status', { up: false });
  });
  const base = `http://127.0.0.1:${config.port}`;
  return waitForHealth(base).then(() => base);
}

async function waitForHealth(base: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the hall node did not start');
}

type Handlers = {
  [K in IpcChannel]: (
    sender: number,
    ...args: Ipc[K]['args']
  ) => Promise<Ipc[K]['result']> | Ipc[K]['result'];
};

/** Electron's checklist, "validate the sender of all IPC messages": only our node's own pages may ask. */
function registerIpc(handlers: Handlers, nodeOrigin: string): void {
  for (const channel of IPC_CHANNELS) {
    const handler = handlers[channel] as (sender: number, ...args: unknown[]) => unknown;
    // ipcMain.handle throws on a duplicate channel, which is what we want.
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      const from = event.senderFrame?.url;
      if (!from || new URL(from).origin !== nodeOrigin)
        throw new Error(`IPC ${channel} refused from ${from ?? 'a gone frame'}`);
      return handler(event.sender.id, ...args);
    });
  }
}

void app.whenReady().then(async () => {
  const config = loadShellConfig(app.getPath('userData'));
  hardenSession((id) => surfaces.get(id)?.surface);
  const base = await startNode(config);
  registerIpc(
    {
      'print:ticket': (_sender, html) => printTicket(html),
      'shell:info': (sender) =>
        surfaces.get(sender) ?? {
          version: app.getVersion(),
          surface: 'kiosk',
          nodeUrl: base,
          counterNo: null,
        },
    },
    new URL(base).origin,
  );
  for (const spec of windowsFor(config, base)) {
    const win = openWindow(spec, preload);
    surfaces.set(win.webContents.id, {
      version: app.getVersion(),
      surface: spec.surface,
      nodeUrl: base,
      counterNo: config.counterNo,
    });
  }
});

app.on('window-all-closed', () => app.quit());
app.on('before-quit', () => node?.kill());
