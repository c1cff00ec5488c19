import { useState } from 'react';
import { Button, Card, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { hallApi } from '../../../shared/api/hall/index.ts';
import type { CaseReport } from '../../../shared/cases/report.ts';
import { shortTime, type CaseApi } from './caseClient.ts';
import { downloadText } from './download.ts';
import { ErrorNote } from '../lib/ErrorNote.tsx';
import { PeriodInput } from '../lib/PeriodInput.tsx';
import { ListTable } from '../lib/ListTable.tsx';

type Report = z.infer<typeof CaseReport>;

/** R-CMP-2: the month-end flow report per clerk, with the unfinished and stalled cases and a CSV export. */
export function CaseReportCard({ api, token, month: first }: { api: CaseApi; token: string; month: string }) {
  const { t, i18n } = useTranslation('cases');
  const [month, setMonth] = useState(first);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = () => {
    setError(null);
    api
      .caseReport({ month })
      .then(setReport)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  const csv = () =>
    void downloadText(hallApi.caseReportCsv, { month }, token, `cases-${month}.csv`).catch((e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );
  return (
    <Card title={t('report')} size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <PeriodInput kind="month" label={t('month')} value={month} onChange={setMonth} />
          <Button onClick={show}>{t('showReport')}</Button>
          <Button onClick={csv}>{t('downloadCsv')}</Button>
        </Space>
        <ErrorNote error={error} />
        {report ? (
          <>
            <ListTable
              rowKey="staffId"
              dataSource={report.rows}
              empty={t('noCasesInMonth')}
              columns={[
                { title: t('clerk'), key: 'clerk', render: (_: unknown, r) => `${r.name}（${r.staffNo}）` },
                { title: t('accepted'), dataIndex: 'accepted' },
                { title: t('finished'), dataIndex: 'finished' },
                { title: t('unfinished'), dataIndex: 'unfinished' },
                { title: t('stalled', { days: report.stalledDays }), dataIndex: 'stalled' },
                { title: t('overdue'), dataIndex: 'overdue' },
              ]}
            />
            <ListTable
              rowKey="id"
              dataSource={report.unfinished}
              title={() => t('unfinishedCases')}
              empty={t('noUnfinished')}
              columns={[
                { title: t('no'), dataIndex: 'no', render: (no: number) => `#${no}` },
                { title: t('kind'), dataIndex: 'kind', render: (k: string) => t(`kind_${k}`) },
                { title: t('owner'), dataIndex: 'staffNo' },
                { title: t('summary'), dataIndex: 'summary' },
                { title: t('phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
                {
                  title: t('lastAction'),
                  dataIndex: 'lastActionAt',
                  render: (at: number) => shortTime(at, i18n.language),
                },
                {
                  title: t('status'),
                  key: 'flags',
                  render: (_: unknown, c) => (
                    <>
                      {c.overdue ? <Tag color="#a8071a">{t('overdue')}</Tag> : null}
                      {c.stalled ? <Tag color="#ad4e00">{t('stalledTag')}</Tag> : null}
                    </>
                  ),
                },
              ]}
            />
          </>
        ) : null}
      </Space>
    </Card>
  );
}
