import type { ShellConfig, WindowRole } from '../shared/shell/config.ts';

/**
 * Which windows a PC opens and which hall node it runs, from its settings alone: pure, so the role
 * logic is tested without Electron (tests/unit/shell-roles.test.ts) and `npm start` opens the same
 * windows in Chromium.
 */

export interface WindowSpec {
  role: WindowRole;
  url: string;
  /** Full-screen, no menu, no devtools, closed only after a manager's PIN (public screens in production). */
  locked: boolean;
  fullscreen: boolean;
  devTools: boolean;
}

/** Device tokens the demo hands to the surfaces that need one without pairing. */
export type DemoDevices = Partial<Record<'kiosk' | 'display', string>>;

/**
 * One-time codes the demo's station made for counter 1's customer screen and rating pad (DESIGN §6b:
 * the demo hall has a pad paired to counter 1); each window pairs itself with its code on opening.
 */
export type DemoScreens = Partial<Record<'customer' | 'pad', string>>;

export interface WindowOptions {
  /** A packaged build is production: public windows are locked and devtools are off. */
  packaged: boolean;
  demoDevices?: DemoDevices;
  demoScreens?: DemoScreens;
}

/** The customer and the public see these; nobody at them may leave, open a menu or inspect. */
const PUBLIC: ReadonlySet<WindowRole> = new Set(['kiosk', 'display', 'customer', 'pad']);

export function windowsFor(config: ShellConfig, base: string, opts: WindowOptions): WindowSpec[] {
  const spec = (role: WindowRole, url: string): WindowSpec => {
    const locked = PUBLIC.has(role) && config.lockdown && opts.packaged;
    return { role, url, locked, fullscreen: PUBLIC.has(role) && opts.packaged, devTools: !opts.packaged };
  };
  const withToken = (role: 'kiosk' | 'display') => {
    const token = opts.demoDevices?.[role];
    return `${base}/${role}${token ? `#token=${token}` : ''}`;
  };
  const paired = (role: 'customer' | 'pad') => {
    const code = opts.demoScreens?.[role];
    return code ? `&pair=${encodeURIComponent(code)}` : '';
  };
  const specs: WindowSpec[] = [];
  const { counter, kiosk, display } = config.roles;
  if (counter) {
    const no = counter.counterNo;
    specs.push(spec('counter', `${base}/counter?counter=${no}`));
    if (counter.customerScreen)
      specs.push(spec('customer', `${base}/customer?counter=${no}${paired('customer')}`));
    if (opts.demoScreens?.pad) specs.push(spec('pad', `${base}/pad?counter=${no}${paired('pad')}`));
  }
  if (kiosk) specs.push(spec('kiosk', withToken('kiosk')));
  if (display) specs.push(spec('display', withToken('display')));
  return specs;
}

/** The hall node's command line (hall/cli.ts) for this PC. */
export function nodeArgs(config: ShellConfig, dataDir: string): string[] {
  const node = config.node;
  const args = ['--data', dataDir, '--port', String(node.port)];
  if (node.mode === 'hub') {
    // The hall's stations, display TVs and pads reach the hub over the LAN.
    args.push('--host', '0.0.0.0');
    if (node.demo) args.push('--demo');
    return args;
  }
  // Always named: a station's empty data folder started without them would make itself a hub.
  return [...args, '--host', node.host, '--hub', node.hubUrl, '--pair', node.pairingCode];
}

/** The role `/health` must report once the node is up; anything else is refused (a counter's own hub). */
export const expectedRole = (config: ShellConfig): 'hub' | 'station' => config.node.mode;

/** Where a manager's PIN is checked: the hub (a station's own sign-in is the fallback while it is down). */
export function pinCheckUrls(config: ShellConfig, nodeUrl: string): string[] {
  return config.node.mode === 'station' ? [config.node.hubUrl.replace(/\/+$/, ''), nodeUrl] : [nodeUrl];
}
