import { contextBridge, ipcRenderer } from 'electron';
import type { IpcEvents, PreloadApi } from '../shared/ipc.ts';

/** The smallest preload that works: typed invoke and on, nothing else of Electron reaches the page. */
const api: PreloadApi = {
  invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
  on: (channel, listener) => {
    const wrapped = (_event: unknown, payload: IpcEvents[typeof channel]) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
};

contextBridge.exposeInMainWorld('servicehall', api);
