import { describe, expect, it } from 'vitest';
import { expectedRole, nodeArgs, pinCheckUrls, windowsFor } from '../../electron/roles.ts';
import { placeWindows } from '../../electron/placement.ts';
import { aCounterPc, aDisplay, aKioskPc } from '../support/shell.ts';

const BASE = 'http://127.0.0.1:8360';

describe('which windows and which node a PC runs', () => {
  it('a counter PC opens the clerk window and the customer window for its counter, on its own station', () => {
    const pc = aCounterPc({ counterNo: 3 });
    expect(windowsFor(pc, BASE, { packaged: true }).map((w) => [w.role, w.url])).toEqual([
      ['counter', `${BASE}/counter?counter=3`],
      ['customer', `${BASE}/customer?counter=3`],
    ]);
    expect(expectedRole(pc)).toBe('station');
  });

  it("DESIGN §6b: the demo's counter 1 opens its customer screen and rating pad, each pairing itself with its code", () => {
    const pc = aCounterPc({ counterNo: 1 });
    const specs = windowsFor(pc, BASE, {
      packaged: false,
      demoScreens: { customer: 'C0DE-0001', pad: 'PAD0-0001' },
    });
    expect(specs.map((w) => [w.role, w.url])).toEqual([
      ['counter', `${BASE}/counter?counter=1`],
      ['customer', `${BASE}/customer?counter=1&pair=C0DE-0001`],
      ['pad', `${BASE}/pad?counter=1&pair=PAD0-0001`],
    ]);
    // A hall's own counter PC opens no pad window: its pad is a tablet or a keypad.
    expect(windowsFor(pc, BASE, { packaged: true }).map((w) => w.role)).not.toContain('pad');
  });

  it('a counter PC without a second screen opens the clerk window only', () => {
    const pc = aCounterPc({ customerScreen: false });
    expect(windowsFor(pc, BASE, { packaged: true }).map((w) => w.role)).toEqual(['counter']);
  });

  it('DESIGN-1: a station is always started with its hub and pairing code, so it never makes itself a hub', () => {
    const args = nodeArgs(aCounterPc(), '/data/hall');
    expect(args).toEqual([
      '--data',
      '/data/hall',
      '--port',
      '8360',
      '--host',
      '127.0.0.1',
      '--hub',
      'http://192.168.1.10:8360',
      '--pair',
      'K7QM-2XHD',
    ]);
    expect(args).not.toContain('--demo');
  });

  it('security: a station listens on this PC only unless set up for pad tablets on the hall LAN', () => {
    const lan = aCounterPc({
      node: {
        mode: 'station',
        hubUrl: 'http://192.168.1.10:8360',
        pairingCode: 'K7QM-2XHD',
        host: '0.0.0.0',
      },
    });
    expect(nodeArgs(lan, '/d').slice(4, 6)).toEqual(['--host', '0.0.0.0']);
    expect(() => aCounterPc({ node: { ...lan.node, host: 'every' } as never })).toThrow();
  });

  it('the kiosk PC runs the hub, listening on the hall LAN for its stations and the display TV', () => {
    const pc = aKioskPc({
      roles: { kiosk: true, display: true },
      node: { mode: 'hub', port: 8400, demo: true },
    });
    expect(nodeArgs(pc, '/d')).toEqual(['--data', '/d', '--port', '8400', '--host', '0.0.0.0', '--demo']);
    expect(expectedRole(pc)).toBe('hub');
    expect(windowsFor(pc, BASE, { packaged: true, demoDevices: { kiosk: 'tk' } }).map((w) => w.url)).toEqual([
      `${BASE}/kiosk#token=tk`,
      `${BASE}/display`,
    ]);
  });

  it('DESIGN-5: in production the public windows are locked full-screen without devtools; the clerk window is not', () => {
    const pc = aCounterPc({ roles: { kiosk: true, display: true, counter: { counterNo: 1 } } });
    const byRole = Object.fromEntries(windowsFor(pc, BASE, { packaged: true }).map((w) => [w.role, w]));
    for (const role of ['kiosk', 'display', 'customer'])
      expect(byRole[role]).toMatchObject({ locked: true, fullscreen: true, devTools: false });
    expect(byRole.counter).toMatchObject({ locked: false, fullscreen: false, devTools: false });
  });

  it("a development run (not packaged) and a technician's lockdown:false leave the windows open", () => {
    const dev = windowsFor(aKioskPc(), BASE, { packaged: false })[0]!;
    expect(dev).toMatchObject({ locked: false, fullscreen: false, devTools: true });
    const unlocked = windowsFor(aKioskPc({ lockdown: false }), BASE, { packaged: true })[0]!;
    expect(unlocked).toMatchObject({ locked: false, fullscreen: true, devTools: false });
  });

  it("a manager's exit PIN is checked by the hub first, the station's own sign-in only when the hub is down", () => {
    expect(pinCheckUrls(aCounterPc(), BASE)).toEqual(['http://192.168.1.10:8360', BASE]);
    expect(pinCheckUrls(aKioskPc(), BASE)).toEqual([BASE]);
  });
});

describe('which display each window goes to', () => {
  it('R-SCR-1: the counter window on the primary display, the customer window on the secondary touch display', () => {
    const primary = aDisplay({ x: 0 });
    const plain = aDisplay({ x: 1920 });
    const touch = aDisplay({ x: -1280, touchSupport: 'available' });
    const placed = placeWindows(['counter', 'customer'], [plain, primary, touch], primary.id, {});
    expect(placed.get('counter')).toBe(primary);
    expect(placed.get('customer')).toBe(touch);
  });

  it('with one display the customer window shares the primary; plugging the second in moves it there', () => {
    const primary = aDisplay();
    expect(placeWindows(['customer'], [primary], primary.id, {}).get('customer')).toBe(primary);
    const second = aDisplay({ x: 1920 });
    expect(placeWindows(['customer'], [primary, second], primary.id, {}).get('customer')).toBe(second);
  });

  it('the display chosen in the setup wins while it is plugged in; unplugged, the window comes back to one that exists', () => {
    const primary = aDisplay();
    const left = aDisplay({ x: -1920 });
    const right = aDisplay({ x: 1920, touchSupport: 'available' });
    const requested = { customer: left.id, kiosk: right.id };
    const all = placeWindows(['customer', 'kiosk'], [primary, left, right], primary.id, requested);
    expect(all.get('customer')).toBe(left);
    expect(all.get('kiosk')).toBe(right);
    const leftGone = placeWindows(['customer', 'kiosk'], [primary, right], primary.id, requested);
    expect(leftGone.get('customer')).toBe(right);
    const bothGone = placeWindows(['customer', 'kiosk'], [primary], primary.id, requested);
    expect(bothGone.get('customer')).toBe(primary);
    expect(bothGone.get('kiosk')).toBe(primary);
  });
});
