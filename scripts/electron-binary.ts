import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The installed Electron binary, or null. Reads the package's path.txt instead of requiring `electron`:
 * requiring it tries to download a missing binary, which hangs or fails on a machine without access to
 * Electron's downloads (DESIGN: the shell is optional where its binary cannot be had).
 */
export function electronBinary(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('electron/package.json');
    const dir = path.dirname(pkg);
    const pathFile = path.join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const bin = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}
