import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * What this PC is, from servicehall.json in the user-data folder (written at installation):
 * a kiosk PC runs the hub and the kiosk window; a counter PC runs a station with two windows.
 */
export const ShellConfig = z.object({
  pc: z.enum(['kiosk', 'counter', 'display']).default('kiosk'),
  port: z.number().int().min(1024).max(65535).default(8360),
  counterNo: z.number().int().min(1).max(99).nullable().default(null),
  demo: z.boolean().default(false),
  /** Kiosk windows are locked full-screen in production; a technician may turn it off. */
  lockdown: z.boolean().default(true),
});
export type ShellConfig = z.infer<typeof ShellConfig>;

export function loadShellConfig(userData: string): ShellConfig {
  try {
    return ShellConfig.parse(JSON.parse(readFileSync(path.join(userData, 'servicehall.json'), 'utf8')));
  } catch {
    return ShellConfig.parse({});
  }
}
