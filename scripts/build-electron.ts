// Bundles the shell (main, preload) and the hall node into electron/dist for Electron and electron-builder.
// Native modules (better-sqlite3, argon2) stay external: electron-builder rebuilds them for Electron's ABI.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node' as const,
  target: 'node22',
  sourcemap: true,
  logLevel: 'info' as const,
};
const external = ['electron', 'better-sqlite3', 'argon2'];

await build({
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: 'electron/dist/main.js',
  format: 'esm',
  external,
});
// A sandboxed preload must be CommonJS.
await build({
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: 'electron/dist/preload.cjs',
  format: 'cjs',
  external,
});
await build({
  ...common,
  entryPoints: ['hall/cli.ts'],
  outfile: 'electron/dist/hall.js',
  format: 'esm',
  external,
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
});

// db/open.ts finds its migrations beside the bundle.
const { cpSync } = await import('node:fs');
cpSync('db/migrations', 'electron/dist/migrations', { recursive: true });
