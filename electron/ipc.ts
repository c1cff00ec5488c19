import { ipcMain } from 'electron';
import { IPC_CHANNELS, type Ipc, type IpcChannel } from '../shared/ipc.ts';
import { checkIpcCall, type OpenedWindow } from './ipcGuard.ts';

export type Handlers = {
  [K in IpcChannel]: (
    from: { window: OpenedWindow; webContentsId: number },
    ...args: Ipc[K]['args']
  ) => Promise<Ipc[K]['result']> | Ipc[K]['result'];
};

/**
 * Registers one handler per channel of shared/ipc.ts (ipcMain.handle throws on a duplicate). Each call
 * passes checkIpcCall first: the right window, frame and origin, and arguments its schema accepts.
 */
export function registerIpc(handlers: Handlers, windows: ReadonlyMap<number, OpenedWindow>): void {
  for (const channel of IPC_CHANNELS) {
    const handler = handlers[channel] as (from: unknown, ...args: unknown[]) => unknown;
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      const frame = event.senderFrame;
      const verdict = checkIpcCall(
        {
          channel,
          webContentsId: event.sender.id,
          frame: frame ? { url: frame.url, isMain: frame === event.sender.mainFrame } : null,
          args,
        },
        windows,
      );
      if (!verdict.ok) throw new Error(`IPC refused: ${verdict.reason}`);
      return handler({ window: verdict.window, webContentsId: event.sender.id }, ...verdict.args);
    });
  }
}
