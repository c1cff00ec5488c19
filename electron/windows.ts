import { BrowserWindow, session, type Display } from 'electron';
import type { ShellInfo } from '../shared/ipc.ts';
import { ALLOWED_PERMISSIONS, CONTENT_SECURITY_POLICY, secureWebPreferences } from './security.ts';
import { originOf } from './ipcGuard.ts';

export interface OpenSpec {
  url: string;
  locked: boolean;
  fullscreen: boolean;
  devTools: boolean;
}

/** The one window factory: security settings, navigation lock and lock-down for every window. */
export function openWindow(spec: OpenSpec, display: Display, preload: string): BrowserWindow {
  const win = new BrowserWindow({
    ...(spec.fullscreen ? display.bounds : display.workArea),
    show: false,
    autoHideMenuBar: true,
    fullscreen: spec.fullscreen,
    kiosk: spec.locked,
    closable: !spec.locked,
    minimizable: !spec.locked,
    backgroundColor: '#0b1f33',
    webPreferences: { ...secureWebPreferences(preload), devTools: spec.devTools },
  });
  if (spec.locked || spec.fullscreen) win.setMenu(null);
  const origin = originOf(spec.url);
  win.webContents.on('will-navigate', (event, url) => {
    if (originOf(url) !== origin) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(spec.url);
  return win;
}

/** Moves a window to a display; a full-screen one leaves full screen to move, then takes it again. */
export function moveWindow(win: BrowserWindow, display: Display, fullscreen: boolean): void {
  const target = fullscreen ? display.bounds : display.workArea;
  const now = win.getBounds();
  if (now.x === target.x && now.y === target.y && now.width === target.width && now.height === target.height)
    return;
  const kiosk = win.isKiosk();
  if (kiosk) win.setKiosk(false);
  if (win.isFullScreen()) win.setFullScreen(false);
  win.setBounds(target);
  if (fullscreen) win.setFullScreen(true);
  if (kiosk) win.setKiosk(true);
}

/** A strict CSP on every response and only the permissions a surface needs. */
export function hardenSession(surfaceOf: (webContentsId: number) => ShellInfo['surface'] | undefined): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((webContents, permission, callback) => {
    const surface = webContents ? surfaceOf(webContents.id) : undefined;
    callback(surface !== undefined && (ALLOWED_PERMISSIONS[surface] ?? []).includes(permission));
  });
}
