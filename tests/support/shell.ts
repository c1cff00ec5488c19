import { ShellConfig, type ShellConfigInput } from '../../shared/shell/config.ts';
import type { ScreenDisplay } from '../../electron/placement.ts';

/** Builders for the shell's tests: the PCs of a hall as the setup would save them. */
export function aKioskPc(over: Partial<ShellConfigInput> = {}): ShellConfig {
  return ShellConfig.parse({
    version: 1,
    node: { mode: 'hub' },
    roles: { kiosk: true },
    ...over,
  });
}

export function aCounterPc({
  counterNo = 1,
  customerScreen = true,
  ...over
}: Partial<ShellConfigInput> & { counterNo?: number; customerScreen?: boolean } = {}): ShellConfig {
  return ShellConfig.parse({
    version: 1,
    node: { mode: 'station', hubUrl: 'http://192.168.1.10:8360', pairingCode: 'K7QM-2XHD' },
    roles: { counter: { counterNo, customerScreen } },
    ...over,
  });
}

let nextId = 1;
export function aDisplay(over: Partial<ScreenDisplay> & { x?: number } = {}): ScreenDisplay {
  const { x = 0, ...rest } = over;
  const bounds = { x, y: 0, width: 1920, height: 1080 };
  return {
    id: nextId++,
    bounds,
    workArea: { ...bounds, height: 1040 },
    touchSupport: 'unavailable',
    ...rest,
  };
}
