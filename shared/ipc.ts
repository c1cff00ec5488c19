/**
 * The one typed contract between the Electron main process and the pages (STYLE.md practice 1).
 * The preload exposes only `invoke<K extends keyof Ipc>` and `on<K extends keyof IpcEvents>`.
 */
export interface ShellInfo {
  version: string;
  surface: 'kiosk' | 'counter' | 'customer' | 'display' | 'pad' | 'manager';
  nodeUrl: string;
  counterNo: number | null;
}

export interface Ipc {
  /** Silent print of an 80 mm ticket (HTML) on the kiosk's default printer. */
  'print:ticket': { args: [html: string]; result: { ok: boolean; error?: string } };
  'shell:info': { args: []; result: ShellInfo };
}

export interface IpcEvents {
  /** The hall node child process stopped or came back. */
  'node:status': { up: boolean };
}

export type IpcChannel = keyof Ipc;
export const IPC_CHANNELS: readonly IpcChannel[] = ['print:ticket', 'shell:info'];

export interface PreloadApi {
  invoke<K extends keyof Ipc>(channel: K, ...args: Ipc[K]['args']): Promise<Ipc[K]['result']>;
  on<K extends keyof IpcEvents>(channel: K, listener: (payload: IpcEvents[K]) => void): () => void;
}
