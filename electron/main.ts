import { app, BrowserWindow, screen, utilityProcess, webContents } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeStatus, ShellInfo } from '../shared/ipc.ts';
import { ShellConfig, type WindowRole } from '../shared/shell/config.ts';
import { SECRET_KEY_ENV } from '../hall/auth/sealed.ts';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './appProtocol.ts';
import { readShellConfig, writeShellConfig, type StoredConfig } from './config.ts';
import { checkManagerPin } from './exit.ts';
import { registerIpc } from './ipc.ts';
import type { OpenedWindow } from './ipcGuard.ts';
import { nodeSecretKey } from './nodeKey.ts';
import { describeDisplays, placeWindows } from './placement.ts';
import { printSilently } from './print.ts';
import { printLabel, printPageUrl } from './printing.ts';
import {
  expectedRole,
  nodeArgs,
  pinCheckUrls,
  windowsFor,
  type DemoDevices,
  type DemoScreens,
  type WindowSpec,
} from './roles.ts';
import { superviseNode } from './supervisor.ts';
import { hardenSession, moveWindow, openWindow } from './windows.ts';

/**
 * The shell is thin (DESIGN §1): it reads this PC's settings (or shows the setup), runs the hall node
 * in a supervised utility process, opens the role's windows on the right displays, prints silently,
 * and answers the typed, checked IPC of shared/ipc.ts. The decisions live in pure modules beside it.
 */
registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

// A file URL's pathname is percent-encoded and, on Windows, starts with a slash (`/C:/Program%20Files/…`):
// only fileURLToPath gives a path the file system knows.
const here = path.dirname(fileURLToPath(import.meta.url));
const preload = path.join(here, 'preload.cjs');
const rendererDist = path.join(here, '..', '..', 'renderer', 'dist');
const userData = () => app.getPath('userData');
const hallDataDir = () => path.join(userData(), 'hall');

/** Every window the shell opened, by webContents id: the IPC guard's list. */
const opened = new Map<number, OpenedWindow>();
const roleWindows = new Map<WindowRole, { win: BrowserWindow; spec: WindowSpec }>();
let config: ShellConfig | null = null;
let nodeUrl = '';
let nodeStatus: NodeStatus | null = null;
let stopNode: (() => void) | null = null;
let quitting = false;

/** `npm start` runs the demo's nodes itself and hands the shell a node and this PC's role. */
function attached(): StoredConfig | null {
  if (!process.env.SERVICEHALL_NODE_URL) return null;
  const given = process.env.SERVICEHALL_SHELL_CONFIG;
  const input = given ? JSON.parse(given) : { version: 1, node: { mode: 'hub' }, roles: { kiosk: true } };
  return { config: ShellConfig.parse(input), problem: null };
}

function demoDevices(): DemoDevices {
  const handed = process.env.SERVICEHALL_DEMO_DEVICES;
  if (handed) return JSON.parse(handed) as DemoDevices;
  const file = path.join(hallDataDir(), 'demo-devices.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoDevices) : {};
}

/** The demo's one-time codes for counter 1's customer screen and pad (`npm start`), if it handed any. */
function demoScreens(): DemoScreens {
  const handed = process.env.SERVICEHALL_DEMO_SCREENS;
  return handed ? (JSON.parse(handed) as DemoScreens) : {};
}

function track(win: BrowserWindow, surface: OpenedWindow['surface'], url: string): void {
  const id = win.webContents.id;
  opened.set(id, {
    surface,
    origin: new URL(url).protocol === 'servicehall:' ? APP_ORIGIN : new URL(url).origin,
  });
  win.on('closed', () => opened.delete(id));
}

function broadcast(status: NodeStatus): void {
  nodeStatus = status;
  for (const win of BrowserWindow.getAllWindows()) win.webContents.send('node:status', status);
  if (status.state === 'running' && roleWindows.size === 0 && config) openRoleWindows(config);
}

/** The setup, or the node's start-up status: the shell's own pages, before any role window opens. */
function openShellPage(route: '/shell-setup' | '/shell-status'): void {
  const url = `${APP_ORIGIN}${route}`;
  const win = openWindow(
    { url, locked: false, fullscreen: false, devTools: !app.isPackaged },
    screen.getPrimaryDisplay(),
    preload,
  );
  track(win, 'setup', url);
  if (route === '/shell-status')
    win.webContents.once('did-finish-load', () => {
      if (roleWindows.size > 0) win.close();
    });
}

function openRoleWindows(c: ShellConfig): void {
  const specs = windowsFor(c, nodeUrl, {
    packaged: app.isPackaged,
    demoDevices: demoDevices(),
    demoScreens: demoScreens(),
  });
  const places = placeWindows(
    specs.map((s) => s.role),
    screen.getAllDisplays(),
    screen.getPrimaryDisplay().id,
    c.displays,
  );
  for (const spec of specs) {
    const win = openWindow(spec, places.get(spec.role) ?? screen.getPrimaryDisplay(), preload);
    track(win, spec.role, spec.url);
    roleWindows.set(spec.role, { win, spec });
    if (spec.locked) lockDown(win);
    win.on('closed', () => roleWindows.delete(spec.role));
  }
  // The status page has done its job once the hall's own screens are up.
  for (const win of BrowserWindow.getAllWindows())
    if (opened.get(win.webContents.id)?.surface === 'setup') win.close();
}

/** A locked window closes only when the shell quits after a manager's PIN (shell:exit). */
function lockDown(win: BrowserWindow): void {
  const ask = () => win.webContents.send('shell:exit-requested', null);
  win.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    ask();
  });
  win.webContents.on('before-input-event', (event, input) => {
    if (input.type === 'keyDown' && input.control && input.shift && input.key.toLowerCase() === 'q') {
      event.preventDefault();
      ask();
    }
  });
}

/** Every window back on a display that exists, after one is plugged in or pulled out. */
function replace(): void {
  if (!config) return;
  const places = placeWindows(
    [...roleWindows.keys()],
    screen.getAllDisplays(),
    screen.getPrimaryDisplay().id,
    config.displays,
  );
  for (const [role, { win, spec }] of roleWindows) {
    const display = places.get(role);
    if (display && !win.isDestroyed()) moveWindow(win, display, spec.fullscreen);
  }
}

function startNode(c: ShellConfig): void {
  const key = nodeSecretKey(userData());
  const supervisor = superviseNode({
    fork: () =>
      utilityProcess.fork(path.join(here, 'hall.js'), nodeArgs(c, hallDataDir()), {
        serviceName: 'ServiceHall hall node',
        stdio: 'inherit',
        // The node's upstream token is sealed at rest with a key the OS key store keeps (nodeKey.ts).
        env: { ...process.env, ...(key ? { [SECRET_KEY_ENV]: key } : {}) },
      }),
    health: () => waitForHealth(nodeUrl),
    expectedRole: expectedRole(c),
    now: Date.now,
    setTimer: (run, ms) => {
      const t = setTimeout(run, ms);
      return () => clearTimeout(t);
    },
    publish: broadcast,
  });
  stopNode = supervisor.stop;
}

async function waitForHealth(base: string): Promise<'hub' | 'station'> {
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(`${base}/api/v1/health`);
      if (res.ok) return ((await res.json()) as { role: 'hub' | 'station' }).role;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the hall node did not answer');
}

function info(surface: ShellInfo['surface']): ShellInfo {
  return {
    version: app.getVersion(),
    surface,
    nodeUrl,
    counterNo: config?.roles.counter?.counterNo ?? null,
    paper: config?.printer.paper ?? '80',
    locked: [...roleWindows.values()].some((w) => w.spec.role === surface && w.spec.locked),
    node: nodeStatus,
  };
}

function registerHandlers(stored: StoredConfig): void {
  const printSettings = () => ({
    printer: config?.printer ?? { name: null, paper: '80' as const },
    archiveDir: path.join(userData(), 'print-archive'),
  });
  registerIpc(
    {
      'shell:info': ({ window }) => info(window.surface),
      'print:ticket': ({ window }, html) =>
        printSilently({ html, baseUrl: window.origin, label: 'ticket' }, printSettings()),
      'print:page': async ({ window }, { path: page }) => {
        const url = printPageUrl(window.origin, page, printSettings().printer.paper);
        if (!url) return { ok: false, code: 'E_PRINT_FAILED', error: 'not a print page', pdf: null };
        return printSilently({ url, label: printLabel(url) }, printSettings());
      },
      'shell:exit': async (_from, { staffNo, pin }) => {
        const result = await checkManagerPin(fetch, pinCheckUrls(config!, nodeUrl), staffNo, pin);
        if (result.ok) setImmediate(quit);
        return result;
      },
      'setup:get': async ({ webContentsId }) => ({
        config: config ?? stored.config,
        problem: stored.problem,
        displays: describeDisplays(screen.getAllDisplays(), screen.getPrimaryDisplay().id),
        printers: ((await webContents.fromId(webContentsId)?.getPrintersAsync()) ?? []).map((p) => p.name),
      }),
      'setup:save': (_from, input) => {
        writeShellConfig(userData(), ShellConfig.parse(input));
        // A new role means another node and other windows: start again from the saved file.
        setImmediate(() => {
          app.relaunch({ args: process.argv.slice(1).filter((a) => a !== '--setup') });
          quit();
        });
        return { ok: true as const };
      },
    },
    opened,
  );
}

function quit(): void {
  quitting = true;
  stopNode?.();
  app.quit();
}

void app.whenReady().then(() => {
  serveRenderer(rendererDist);
  hardenSession((id) => opened.get(id)?.surface);
  const stored = attached() ?? readShellConfig(userData());
  registerHandlers(stored);
  screen.on('display-added', replace);
  screen.on('display-removed', replace);
  screen.on('display-metrics-changed', replace);
  if (!stored.config || process.argv.includes('--setup')) return openShellPage('/shell-setup');
  config = stored.config;
  if (process.env.SERVICEHALL_NODE_URL) {
    nodeUrl = process.env.SERVICEHALL_NODE_URL.replace(/\/+$/, '');
    return openRoleWindows(config);
  }
  nodeUrl = `http://127.0.0.1:${config.node.port}`;
  openShellPage('/shell-status');
  startNode(config);
});

app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
app.on('window-all-closed', () => app.quit());
app.on('before-quit', () => {
  quitting = true;
  stopNode?.();
});
