import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * Bundles a node program of ours with esbuild the way scripts/build-electron.ts bundles the hall node
 * for the shell: native modules external (and PGlite, which loads its wasm and data files from beside
 * its own module), its migrations copied beside the bundle (db/open.ts and
 * headoffice/db/migrate.ts look for `./migrations/` next to the running file). Returns the bundle's path.
 */
export async function bundleScript(entry: string, outDir: string, migrations: string): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = path.join(outDir, `${path.basename(entry, '.ts')}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    external: ['electron', 'better-sqlite3', 'argon2', '@electric-sql/pglite'],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  cpSync(migrations, path.join(outDir, 'migrations'), { recursive: true });
  return outfile;
}

/** The programs the tests start as children, by the script name the harness is given. */
export const CHILD_PROGRAMS = {
  'hall/cli.ts': 'db/migrations',
  'headoffice/cli.ts': 'headoffice/db/migrations',
} as const;

/**
 * Bundles every child program for one test run into a folder of its own inside the repository (so the
 * bundled node finds the project root, server/project.ts, and with it the built screens; test-results/
 * is ignored by git, lint and format). Returns that folder; each run has its own, so runs in two
 * checkouts at once never start each other's build.
 */
export async function bundleChildPrograms(root: string): Promise<string> {
  const dir = path.join(root, 'test-results', 'bundles', `${process.pid}-${Date.now()}`);
  for (const [script, migrations] of Object.entries(CHILD_PROGRAMS)) {
    const out = path.join(dir, path.dirname(script));
    mkdirSync(out, { recursive: true });
    await bundleScript(path.join(root, script), out, path.join(root, migrations));
  }
  return dir;
}

export const removeBundles = (dir: string): void => rmSync(dir, { recursive: true, force: true });
