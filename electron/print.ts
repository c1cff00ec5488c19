import { BrowserWindow } from 'electron';

/** Prints an 80 mm ticket silently on the default printer from an off-screen window. */
export async function printTicket(html: string): Promise<{ ok: boolean; error?: string }> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await new Promise((resolve) => {
      win.webContents.print(
        {
          silent: true,
          printBackground: true,
          margins: { marginType: 'none' },
          pageSize: { width: 80_000, height: 150_000 },
        },
        (ok, reason) => resolve(ok ? { ok } : { ok, error: reason }),
      );
    });
  } finally {
    win.destroy();
  }
}
