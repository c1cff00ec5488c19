import type { TFunction } from 'i18next';
import type { NodeStatus } from '../../../shared/ipc.ts';

/** The node's state in words; `now` counts a restart down. */
export function nodeStatusText(t: TFunction, status: NodeStatus, now: number): string {
  switch (status.state) {
    case 'starting':
      return status.attempt > 0
        ? t('shell:status.startingAgain', { attempt: status.attempt })
        : t('shell:status.starting');
    case 'running':
      return t('shell:status.running');
    case 'restarting':
      return t('shell:status.restarting', { seconds: Math.max(0, Math.ceil((status.retryAt - now) / 1000)) });
    case 'failed':
      return t('shell:status.failed', { reason: status.reason });
  }
}
