import type { WebPreferences } from 'electron';

/**
 * Every window's webPreferences, spelled out in one place (DESIGN §5, STYLE.md practice 7).
 * Pure so that a test can read them back without starting Electron.
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: false,
    // The hall display announces calls unattended: no user gesture will ever unlock audio.
    autoplayPolicy: 'no-user-gesture-required',
  };
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "media-src 'self' blob: data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Only these permission requests are granted; everything else is denied. */
export const ALLOWED_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  kiosk: [],
  counter: [],
  customer: [],
  display: [],
  pad: [],
  manager: ['clipboard-sanitized-write'],
};
