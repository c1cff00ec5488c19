import { z } from 'zod';
import { ShellConfig, type DisplayInfo } from './shell/config.ts';

/**
 * The one typed contract between the Electron main process and the pages (STYLE.md practice 1).
 * The preload exposes only `invoke<K extends keyof Ipc>` and `on<K extends keyof IpcEvents>`; the main
 * process parses every call's arguments with `IPC_ARGS` before its handler sees them.
 */
export interface ShellInfo {
  version: string;
  surface: 'kiosk' | 'counter' | 'customer' | 'display' | 'pad' | 'manager' | 'setup';
  nodeUrl: string;
  counterNo: number | null;
  /** The roll this PC's printer takes. */
  paper: '80' | '58';
  /** Full-screen with no way out but a manager's PIN. */
  locked: boolean;
  /** The hall node under the shell now (null: the shell did not start one, e.g. `npm start`'s). */
  node: NodeStatus | null;
}

/** The hall node under the shell (electron/nodeState.ts), as every window's banner shows it. */
export type NodeStatus =
  | { state: 'starting'; attempt: number }
  | { state: 'running' }
  | { state: 'restarting'; attempt: number; retryAt: number; code: number | null }
  | { state: 'failed'; code: number | null; reason: string };

/** A print that did not reach the printer leaves the record as it was: the screen offers a reprint. */
export type PrintResult =
  | { ok: true }
  | { ok: false; code: 'E_PRINTER_OFFLINE' | 'E_PRINT_FAILED'; error: string; pdf: string | null };

/** A relative `/print?…` page of the sender's own origin (renderer/src/print). */
const PrintPath = z
  .string()
  .max(500)
  .regex(/^\/print\?[\w=&%.-]*$/);

export const IPC_ARGS = {
  /** The kiosk's ticket: a whole HTML document whose CSS is inline. */
  'print:ticket': z.tuple([z.string().min(1).max(500_000)]),
  /** A receipt or a Z-report: the shell loads the page itself and prints it on this PC's roll. */
  'print:page': z.tuple([z.object({ path: PrintPath })]),
  'shell:info': z.tuple([]),
  /** A locked window's way out: a duty manager's staff number and PIN, checked by the hub. */
  'shell:exit': z.tuple([z.object({ staffNo: z.string().min(1).max(16), pin: z.string().min(4).max(16) })]),
  'setup:get': z.tuple([]),
  'setup:save': z.tuple([ShellConfig]),
} as const;

export interface SetupState {
  /** The stored settings, or null on a first run. */
  config: ShellConfig | null;
  /** Why the stored file could not be used, shown above the form. */
  problem: string | null;
  displays: DisplayInfo[];
  printers: string[];
}

export interface Ipc {
  'print:ticket': { args: z.infer<(typeof IPC_ARGS)['print:ticket']>; result: PrintResult };
  'print:page': { args: z.infer<(typeof IPC_ARGS)['print:page']>; result: PrintResult };
  'shell:info': { args: []; result: ShellInfo };
  'shell:exit': {
    args: z.infer<(typeof IPC_ARGS)['shell:exit']>;
    result: { ok: true } | { ok: false; code: 'E_PIN' | 'E_NOT_MANAGER' | 'E_HUB_UNREACHABLE' };
  };
  'setup:get': { args: []; result: SetupState };
  'setup:save': { args: [config: z.input<typeof ShellConfig>]; result: { ok: true } };
}

export interface IpcEvents {
  'node:status': NodeStatus;
  /** The technician's key (Ctrl+Shift+Q) on a locked window: the page asks for a manager's PIN. */
  'shell:exit-requested': null;
}

export type IpcChannel = keyof Ipc;
export const IPC_CHANNELS = Object.keys(IPC_ARGS) as IpcChannel[];

export interface PreloadApi {
  invoke<K extends keyof Ipc>(channel: K, ...args: Ipc[K]['args']): Promise<Ipc[K]['result']>;
  on<K extends keyof IpcEvents>(channel: K, listener: (payload: IpcEvents[K]) => void): () => void;
}
