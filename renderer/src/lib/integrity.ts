import type { TFunction } from 'i18next';
import type { IntegrityMismatchT } from '../../../shared/sync/protocol.ts';

const MISMATCH_KEY = {
  rows_deleted: 'integrityRowsDeleted',
  hash_differs: 'integrityHashDiffers',
  chain_broken: 'integrityChainBroken',
} as const;

/**
 * A journal's mismatches with what head office acknowledged, in one line, with the wording of the
 * caller's namespace (the hall's manager reads "this node", head office's console "the hall").
 */
export function describeMismatches(t: TFunction, mismatches: readonly IntegrityMismatchT[]): string {
  return mismatches
    .map((m) =>
      t(MISMATCH_KEY[m.reason], {
        device: m.deviceId,
        acked: m.ackedSeq,
        hall: m.hallSeq,
        seq: m.seq ?? m.ackedSeq,
      }),
    )
    .join(' ');
}
