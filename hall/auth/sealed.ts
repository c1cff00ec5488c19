import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A credential sealed at rest (issue 9): AES-256-GCM under a key this node does not keep beside its
 * database. The desktop shell makes the key once, keeps it sealed by the operating system's key store
 * (Electron safeStorage: DPAPI on Windows, Keychain on macOS, libsecret on Linux) and hands it to the
 * node at start in SERVICEHALL_SECRET_KEY. A copied data folder or backup then holds no usable token.
 */
const PREFIX = 'sealed:v1:';

export const SECRET_KEY_ENV = 'SERVICEHALL_SECRET_KEY';

/** The key from its base64 text (32 bytes), or a clear error. */
export function parseSecretKey(text: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32)
    throw new Error(`${SECRET_KEY_ENV} must be 32 bytes in base64 (it has ${key.length})`);
  return key;
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function seal(secret: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The clear secret; throws when the key is not the one it was sealed with (GCM authenticates it). */
export function unseal(stored: string, key: Buffer): string {
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
