import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  secureWebPreferences,
  CONTENT_SECURITY_POLICY,
  ALLOWED_PERMISSIONS,
} from '../../electron/security.ts';
import { IPC_CHANNELS } from '../../shared/ipc.ts';
import { electronBinary } from '../../scripts/electron-binary.ts';

describe('Electron shell security (DESIGN §5)', () => {
  it('DESIGN-5: every window is isolated, sandboxed and without Node', () => {
    const prefs = secureWebPreferences('/x/preload.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });

  it('DESIGN-5: the CSP allows only this origin and no plugins', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('DESIGN-5: public surfaces get no permissions at all', () => {
    for (const surface of ['kiosk', 'display', 'customer', 'pad'])
      expect(ALLOWED_PERMISSIONS[surface]).toEqual([]);
  });

  it('STYLE-1: the main process registers exactly the channels of shared/ipc.ts, with no bare strings elsewhere', () => {
    const ipc = readFileSync(new URL('../../electron/ipc.ts', import.meta.url), 'utf8');
    const main = readFileSync(new URL('../../electron/main.ts', import.meta.url), 'utf8');
    expect(ipc).toContain('for (const channel of IPC_CHANNELS)');
    expect(ipc).toContain('checkIpcCall(');
    for (const source of [ipc, main]) expect(source).not.toMatch(/ipcMain\.handle\('/);
    expect(new Set(IPC_CHANNELS).size).toBe(IPC_CHANNELS.length);
  });

  it('DESIGN-1: the shell finds its own files under a path with spaces (C:\\Program Files), not by URL pathname', () => {
    const main = readFileSync(new URL('../../electron/main.ts', import.meta.url), 'utf8');
    expect(main).not.toMatch(/URL\([^)]*\)\.pathname/);
    expect(main).toContain('fileURLToPath(import.meta.url)');
    // What fileURLToPath does that .pathname does not: decode %20 (and, on Windows, drop the leading slash).
    const url = pathToFileURL('/opt/Service Hall/electron/dist/main.js');
    expect(url.pathname).toBe('/opt/Service%20Hall/electron/dist/main.js');
    expect(fileURLToPath(url)).toBe('/opt/Service Hall/electron/dist/main.js');
  });
});

const binary = electronBinary();
if (!binary) {
  console.log(
    'tests/electron: skipping the _electron launch tests — the Electron binary is not installed on this machine (its download is unreachable here).',
  );
}

/** The shell on a user-data folder of its own (the built shell: `npm run build:web && npm run build:electron`). */
async function launch(userData: string) {
  const { _electron } = await import('playwright-core');
  return _electron.launch({
    args: ['.', `--user-data-dir=${userData}`],
    executablePath: binary!,
    env: { ...process.env, SERVICEHALL_NODE_URL: '', SERVICEHALL_SHELL_CONFIG: '' },
  });
}

describe.skipIf(!binary)('Electron shell launch (_electron)', () => {
  it('DESIGN-5: a first run opens the setup, isolated from Node, with the narrow preload API only', async () => {
    const userData = mkdtempSync(path.join(tmpdir(), 'shell-e2e-'));
    const app = await launch(userData);
    try {
      const win = await app.firstWindow();
      await win.waitForURL(/shell-setup/);
      const seen = await win.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        api: Object.keys((globalThis as { servicehall?: object }).servicehall ?? {}).sort(),
      }));
      expect(seen).toEqual({ require: 'undefined', api: ['invoke', 'on'] });
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });

  it('a bad settings file shows the setup again with the problem, and the shell does not crash', async () => {
    const userData = mkdtempSync(path.join(tmpdir(), 'shell-e2e-'));
    writeFileSync(path.join(userData, 'servicehall.json'), '{"version": 1, "node": ');
    const app = await launch(userData);
    try {
      const win = await app.firstWindow();
      await win.waitForURL(/shell-setup/);
      await win.getByText('servicehall.json').first().waitFor();
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
