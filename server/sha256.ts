import { createHash } from 'node:crypto';
import { rowHasher, type RowHasher, type Sha256Hex } from '../shared/journal/hash.ts';

/** node:crypto's SHA-256: the same bytes as shared/'s pure-JS one, several times faster. */
export const nodeSha256: Sha256Hex = (text) => createHash('sha256').update(text).digest('hex');

/** The row hash every server uses (journal appends, chain walks, batch checks). */
export const rowHash: RowHasher = rowHasher(nodeSha256);
