import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';

/**
 * The key that seals the hall node's upstream tokens at rest (hall/auth/sealed.ts), itself sealed by
 * the operating system's key store (safeStorage: DPAPI, Keychain, libsecret) in the user-data folder.
 * Returns null where the platform has no key store (Linux without a secret service falls back to a
 * fixed password, which protects nothing): the node then keeps its token in clear and says so in /health.
 */
export function nodeSecretKey(userData: string): string | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  const file = path.join(userData, 'node-key.sealed');
  if (existsSync(file)) return safeStorage.decryptString(readFileSync(file));
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, safeStorage.encryptString(key), { mode: 0o600 });
  return key;
}
