import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ShellConfig } from '../shared/shell/config.ts';

export const CONFIG_FILE = 'servicehall.json';

/** The stored settings, or why there are none: the shell then shows the setup again, never crashes. */
export type StoredConfig = { config: ShellConfig; problem: null } | { config: null; problem: string | null };

/** Parses servicehall.json's text; `problem` names what is wrong in words a technician can act on. */
export function parseShellConfig(text: string): StoredConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { config: null, problem: `${CONFIG_FILE} is not JSON (${(e as Error).message})` };
  }
  const parsed = ShellConfig.safeParse(json);
  if (parsed.success) return { config: parsed.data, problem: null };
  const first = parsed.error.issues[0];
  const where = first?.path.length ? `${first.path.join('.')}: ` : '';
  return {
    config: null,
    problem: `${CONFIG_FILE}: ${where}${first?.message ?? z.prettifyError(parsed.error)}`,
  };
}

/** A missing file is a first run (no problem to show); an unreadable one is a problem. */
export function readShellConfig(userData: string): StoredConfig {
  let text: string;
  try {
    text = readFileSync(path.join(userData, CONFIG_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { config: null, problem: null };
    return { config: null, problem: `${CONFIG_FILE} cannot be read (${(e as Error).message})` };
  }
  return parseShellConfig(text);
}

/** Written whole and renamed into place, so a power cut leaves the old file or the new one. */
export function writeShellConfig(userData: string, config: ShellConfig): void {
  mkdirSync(userData, { recursive: true });
  const file = path.join(userData, CONFIG_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
