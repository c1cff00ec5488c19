import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG_FILE, parseShellConfig, readShellConfig, writeShellConfig } from '../../electron/config.ts';
import { ShellConfig } from '../../shared/shell/config.ts';
import { aCounterPc, aKioskPc } from '../support/shell.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'shell-config-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the shell settings file (servicehall.json)', () => {
  it('a first run has no settings and no problem: the setup opens with an empty form', () => {
    expect(readShellConfig(tempDir())).toEqual({ config: null, problem: null });
  });

  it('settings written by the setup read back the same, defaults filled in', () => {
    const dir = tempDir();
    const config = aCounterPc({ counterNo: 3 });
    writeShellConfig(dir, config);
    expect(readShellConfig(dir)).toEqual({ config, problem: null });
    expect(config.printer).toEqual({ name: null, paper: '80' });
    expect(JSON.parse(readFileSync(path.join(dir, CONFIG_FILE), 'utf8'))).toEqual(config);
  });

  it('a file that is not JSON gives a problem naming the file, never an exception', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, CONFIG_FILE), '{"version": 1, "node": ');
    const read = readShellConfig(dir);
    expect(read.config).toBeNull();
    expect(read.problem).toMatch(/servicehall\.json is not JSON/);
  });

  it('a file of the wrong shape names the field that is wrong', () => {
    const read = parseShellConfig(JSON.stringify({ ...aKioskPc(), printer: { paper: '76' } }));
    expect(read.config).toBeNull();
    expect(read.problem).toMatch(/printer\.paper/);
  });

  it('DESIGN-1: a counter PC never runs its own hub — such settings are refused', () => {
    const bad = { ...aCounterPc(), node: { mode: 'hub' } };
    expect(ShellConfig.safeParse(bad).success).toBe(false);
    expect(parseShellConfig(JSON.stringify(bad)).problem).toMatch(/never its own hub/);
  });

  it('a station needs its hub address and a pairing code', () => {
    const c = aCounterPc();
    expect(
      ShellConfig.safeParse({ ...c, node: { mode: 'station', hubUrl: 'not a url', pairingCode: 'K7QM2XHD' } })
        .success,
    ).toBe(false);
    expect(
      ShellConfig.safeParse({ ...c, node: { mode: 'station', hubUrl: 'http://10.0.0.2:8360' } }).success,
    ).toBe(false);
  });

  it('a PC with no window at all is refused', () => {
    expect(ShellConfig.safeParse({ version: 1, node: { mode: 'hub' }, roles: {} }).success).toBe(false);
  });
});
