import { BrowserWindow, screen, session } from 'electron';
import type { ShellInfo } from '../shared/ipc.ts';
import { ALLOWED_PERMISSIONS, CONTENT_SECURITY_POLICY, secureWebPreferences } from './security.ts';

export interface WindowSpec {
  surface: ShellInfo['surface'];
  url: string;
  display: number;
  kiosk: boolean;
  devTools: boolean;
}

/** The one window factory: security settings, navigation lock and permissions for every window. */
export function openWindow(spec: WindowSpec, preload: string): BrowserWindow {
  const displays = screen.getAllDisplays();
  const target = displays[Math.min(spec.display, displays.length - 1)] ?? screen.getPrimaryDisplay();
  const win = new BrowserWindow({
    ...target.bounds,
    show: false,
    autoHideMenuBar: true,
    fullscreen: spec.kiosk,
    kiosk: spec.kiosk,
    backgroundColor: '#0b1f33',
    webPreferences: { ...secureWebPreferences(preload), devTools: spec.devTools },
  });
  if (spec.kiosk) win.setMenu(null);
  const origin = new URL(spec.url).origin;
  win.webContents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== origin) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(spec.url);
  return win;
}

/** A strict CSP on every response and only the permissions a surface needs. */
export function hardenSession(surfaceOf: (webContentsId: number) => ShellInfo['surface'] | undefined): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((webContents, permission, callback) => {
    const surface = surfaceOf(webContents.id);
    callback(surface !== undefined && (ALLOWED_PERMISSIONS[surface] ?? []).includes(permission));
  });
}
