import { createHash } from 'node:crypto';
import { useSha256 } from '../shared/journal/hash.ts';

/** Hash journal rows with node:crypto: the same bytes as shared/'s pure-JS SHA-256, several times faster. */
export function useNodeSha256(): void {
  useSha256((text) => createHash('sha256').update(text).digest('hex'));
}
