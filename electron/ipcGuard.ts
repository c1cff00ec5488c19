import { IPC_ARGS, type IpcChannel, type ShellInfo } from '../shared/ipc.ts';

/** A window the shell opened, by its webContents id: what it shows and the one origin it may call from. */
export interface OpenedWindow {
  surface: ShellInfo['surface'];
  origin: string;
}

/** Which windows may make which call; the setup's calls come only from the setup window. */
export const CALLERS: Readonly<Record<IpcChannel, readonly ShellInfo['surface'][]>> = {
  'print:ticket': ['kiosk'],
  'print:page': ['counter'],
  'shell:info': ['kiosk', 'counter', 'customer', 'display', 'pad', 'setup'],
  'shell:exit': ['kiosk', 'counter', 'customer', 'display', 'pad'],
  'setup:get': ['setup'],
  'setup:save': ['setup'],
};

export interface IpcCall {
  channel: string;
  webContentsId: number;
  /** event.senderFrame: null once the frame is gone or navigated away. */
  frame: { url: string; isMain: boolean } | null;
  args: unknown[];
}

export type IpcVerdict =
  { ok: true; channel: IpcChannel; window: OpenedWindow; args: unknown[] } | { ok: false; reason: string };

/**
 * Electron's checklist, "validate the sender of all IPC messages": the call must come from the main
 * frame of a window this shell opened, still on that window's origin, on a channel that window may
 * use, with arguments its zod schema accepts.
 */
export function checkIpcCall(call: IpcCall, windows: ReadonlyMap<number, OpenedWindow>): IpcVerdict {
  if (!Object.hasOwn(IPC_ARGS, call.channel)) return { ok: false, reason: `unknown channel ${call.channel}` };
  const channel = call.channel as IpcChannel;
  const window = windows.get(call.webContentsId);
  if (!window) return { ok: false, reason: `${channel}: not a window the shell opened` };
  if (!call.frame) return { ok: false, reason: `${channel}: the calling frame is gone` };
  if (!call.frame.isMain) return { ok: false, reason: `${channel}: refused from a subframe` };
  if (originOf(call.frame.url) !== window.origin)
    return { ok: false, reason: `${channel}: refused from ${call.frame.url}` };
  if (!CALLERS[channel].includes(window.surface))
    return { ok: false, reason: `${channel}: not allowed to the ${window.surface} window` };
  const parsed = IPC_ARGS[channel].safeParse(call.args);
  if (!parsed.success)
    return {
      ok: false,
      reason: `${channel}: bad arguments (${parsed.error.issues[0]?.message ?? 'invalid'})`,
    };
  return { ok: true, channel, window, args: parsed.data as unknown[] };
}

/** scheme://host[:port]; URL.origin is the string "null" for the shell's own app:// scheme. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : null;
  } catch {
    return null;
  }
}
