import path from 'node:path';

/**
 * The file of the renderer's build a request names: an asset by its path, any route (no extension)
 * as index.html, which picks the page by its path. Null for anything outside the build folder.
 */
export function resolveAppFile(distDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = path.resolve(distDir);
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== root && !file.startsWith(`${root}${path.sep}`)) return null;
  return path.extname(file) ? file : path.join(root, 'index.html');
}
