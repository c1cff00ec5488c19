import { Alert, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QuarantineRowT } from '../../../shared/api/console.ts';
import { formatDateTime } from '../lib/format.ts';
import { QuarantineTable } from '../lib/QuarantineTable.tsx';
import { useConsole } from './store.ts';

/** Rows that failed validation at ingest, with the reason; the raw row opens in a drawer. */
export function Quarantine() {
  const { t, i18n } = useTranslation('console');
  const rows = useConsole((s) => s.quarantine);
  const halls = useConsole((s) => s.halls);
  const hallName = (id: string) => halls.find((h) => h.hallId === id)?.name ?? id;
  return (
    <Card title={t('quarantineTitle')}>
      <Alert type="info" showIcon message={t('quarantineHelp')} style={{ marginBottom: 16 }} />
      <QuarantineTable<QuarantineRowT>
        rows={rows}
        pageSize={20}
        labels={{ raw: t('rawRow'), view: t('view'), seq: t('seq'), empty: t('noQuarantine') }}
        facts={[
          { label: t('hall'), cell: (r) => hallName(r.hallId) },
          {
            label: t('device'),
            cell: (r) => <Typography.Text code>{r.deviceId.slice(-12)}</Typography.Text>,
            full: (r) => r.deviceId,
          },
          { label: t('seq'), cell: (r) => r.deviceSeq },
          { label: t('reason'), cell: (r) => r.reason },
          { label: t('receivedAt'), cell: (r) => formatDateTime(r.receivedAt, i18n.language) },
        ]}
      />
    </Card>
  );
}
