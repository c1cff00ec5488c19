import type { PreloadApi } from '../../../shared/ipc.ts';

declare global {
  interface Window {
    /** The shell's preload API (electron/preload.ts); absent in a plain browser. */
    servicehall?: PreloadApi;
  }
}

export {};
