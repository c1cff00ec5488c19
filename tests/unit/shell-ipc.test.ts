import { describe, expect, it } from 'vitest';
import { checkIpcCall, type IpcCall, type OpenedWindow } from '../../electron/ipcGuard.ts';
import { aCounterPc } from '../support/shell.ts';

const NODE = 'http://127.0.0.1:8360';
const windows = new Map<number, OpenedWindow>([
  [1, { surface: 'counter', origin: NODE }],
  [2, { surface: 'customer', origin: NODE }],
  [3, { surface: 'kiosk', origin: NODE }],
  [9, { surface: 'setup', origin: 'servicehall://app' }],
]);
const call = (over: Partial<IpcCall>): IpcCall => ({
  channel: 'print:page',
  webContentsId: 1,
  frame: { url: `${NODE}/counter?counter=1`, isMain: true },
  args: [{ path: '/print?receipt=r1&paper=80&as=counter' }],
  ...over,
});

describe('IPC: which window sent the call and what it sent (DESIGN §5)', () => {
  it('the counter window may print a receipt page of its own node', () => {
    expect(checkIpcCall(call({}), windows)).toMatchObject({ ok: true, channel: 'print:page' });
  });

  it('a window the shell did not open is refused', () => {
    expect(checkIpcCall(call({ webContentsId: 77 }), windows)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not a window the shell opened/),
    });
  });

  it('a frame of another origin, a subframe or a frame that is gone is refused', () => {
    const elsewhere = call({ frame: { url: 'http://evil.example/counter', isMain: true } });
    expect(checkIpcCall(elsewhere, windows).ok).toBe(false);
    const sub = call({ frame: { url: `${NODE}/print?receipt=r1`, isMain: false } });
    expect(checkIpcCall(sub, windows)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/subframe/),
    });
    expect(checkIpcCall(call({ frame: null }), windows).ok).toBe(false);
    const bogus = call({ frame: { url: 'not a url', isMain: true } });
    expect(checkIpcCall(bogus, windows).ok).toBe(false);
  });

  it('each window makes only its own calls: the customer screen cannot print, a node page cannot rewrite the setup', () => {
    expect(
      checkIpcCall(call({ webContentsId: 2, frame: { url: `${NODE}/customer`, isMain: true } }), windows).ok,
    ).toBe(false);
    const save = call({ channel: 'setup:save', args: [aCounterPc()] });
    expect(checkIpcCall(save, windows)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not allowed/),
    });
    const fromSetup = {
      ...save,
      webContentsId: 9,
      frame: { url: 'servicehall://app/shell-setup', isMain: true },
    };
    expect(checkIpcCall(fromSetup, windows).ok).toBe(true);
  });

  it('the setup page of the app scheme is not confused with another page whose URL origin is also "null"', () => {
    const other = call({
      channel: 'setup:get',
      args: [],
      webContentsId: 9,
      frame: { url: 'servicehall://evil/x', isMain: true },
    });
    expect(checkIpcCall(other, windows).ok).toBe(false);
  });

  it('what was sent is checked with zod: a print path that leaves /print, a bad PIN shape, extra arguments', () => {
    const leave = call({ args: [{ path: 'https://evil.example/print?x=1' }] });
    expect(checkIpcCall(leave, windows)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/bad arguments/),
    });
    expect(checkIpcCall(call({ args: [{ path: '/print?a=1"><script>' }] }), windows).ok).toBe(false);
    const exit = (args: unknown[]) =>
      checkIpcCall(
        call({
          channel: 'shell:exit',
          webContentsId: 3,
          frame: { url: `${NODE}/kiosk`, isMain: true },
          args,
        }),
        windows,
      );
    expect(exit([{ staffNo: '9001', pin: '123456' }]).ok).toBe(true);
    expect(exit([{ staffNo: '9001' }]).ok).toBe(false);
    expect(exit([{ staffNo: '9001', pin: '123456' }, 'more']).ok).toBe(false);
    const badConfig = call({
      channel: 'setup:save',
      webContentsId: 9,
      frame: { url: 'servicehall://app/shell-setup', isMain: true },
      args: [{ ...aCounterPc(), node: { mode: 'hub' } }],
    });
    expect(checkIpcCall(badConfig, windows).ok).toBe(false);
  });

  it('an unknown channel is refused', () => {
    expect(checkIpcCall(call({ channel: 'shell:eval' }), windows).ok).toBe(false);
  });
});
