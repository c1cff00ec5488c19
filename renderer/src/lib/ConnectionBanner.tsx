import { useTranslation } from 'react-i18next';
import type { LiveStatus } from './live.ts';

/** Says plainly when the node is unreachable; screens keep showing their last state below it. */
export function ConnectionBanner({ status }: { status: LiveStatus }) {
  const { t } = useTranslation('common');
  if (status !== 'down') return null;
  return (
    <div role="alert" className="connection-banner">
      {t('unreachable')}
    </div>
  );
}
