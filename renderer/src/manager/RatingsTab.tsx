import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Radio, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { RatingsOverview } from '../../../shared/api/hall/ratings.ts';
import { isNegative, levelsFor, RatingLevel, type RatingOutcome } from '../../../shared/ratings/levels.ts';
import { shortTime } from '../cases/caseClient.ts';
import { useCaseDrawer } from '../cases/useCaseDrawer.tsx';
import { ApiError } from '../lib/client.ts';
import { usePolledRead } from '../lib/usePolling.ts';
import { useManager } from './store.ts';
import { useManagerApi } from './records/useManagerApi.ts';
import { businessDay } from '../../../shared/time/businessDay.ts';
import { PeriodInput } from '../lib/PeriodInput.tsx';
import { ListTable } from '../lib/ListTable.tsx';

type Overview = z.infer<typeof RatingsOverview>;
type Rating = Overview['ratings'][number];

const RATINGS_POLL_MS = 30_000;
/** Every outcome a column may show, best first; no_rating last (never counted as satisfied). */
const COLORS: Record<RatingOutcome, string> = {
  very_satisfied: 'green',
  satisfied: 'cyan',
  fair: 'gold',
  dissatisfied: 'red',
  very_dissatisfied: 'magenta',
  no_rating: 'default',
};
const negative = (o: RatingOutcome) => o !== 'no_rating' && isNegative(o);

/**
 * 评价 (issue 12, R-EVAL-1): per clerk and counter the levels, no_rating and misuse over a day or a
 * month; the list with reason tags; and on each negative rating one click that opens a complaint case
 * bound to it (R-FR-1: the manager who opens it owns it), shown on the row once opened.
 */
export function RatingsTab() {
  const { t, i18n } = useTranslation(['manager', 'customer', 'cases']);
  const { message } = AntApp.useApp();
  const { token, tz, api } = useManagerApi();
  const [kind, setKind] = useState<'day' | 'month'>('day');
  // The hall's today, not the browser's: a manager screen in another zone still opens on the hall's day.
  const [day, setDay] = useState(() => businessDay(Date.now(), tz));
  const [month, setMonth] = useState(() => day.slice(0, 7));
  const [opening, setOpening] = useState<string | null>(null);
  const levelCount = useManager((s) => s.hall?.settings.ratingLevels ?? 4);

  const { data, error, load } = usePolledRead(
    () => api.ratings(kind === 'day' ? { day } : { month }),
    RATINGS_POLL_MS,
    `${token}|${kind}|${day}|${month}`,
  );
  const { show, drawer } = useCaseDrawer(api, true, load);

  const level = (o: RatingOutcome) => (o === 'no_rating' ? t('ratingsNoRating') : t(`customer:level_${o}`));
  const reason = (code: string) => t(`ratingReason_${code}`, { defaultValue: code });

  /** One click: a complaint bound to the rating; a second click is refused by the node, naming the case. */
  const openCase = async (r: Rating) => {
    setOpening(r.ratingId);
    try {
      const summary = t('ratingCaseSummary', {
        level: level(r.outcome),
        counterNo: r.counterNo,
        clerk: r.staffName,
        ticket: r.ticketNumber ?? '—',
        reasons: r.reasons.map(reason).join('、') || t('ratingsNoReasons'),
      });
      const opened = await api.openCase({ body: { kind: 'complaint', summary, ratingId: r.ratingId } });
      void message.success(t('ratingCaseOpened', { no: opened.no }));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'E_CASE_FOR_RATING') void message.warning(e.message);
      else void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setOpening(null);
      await load();
    }
  };

  const misuseOf = (counterNo: number) =>
    Object.values(data?.misuseByCounter.find((m) => m.counterNo === counterNo)?.reasons ?? {}).reduce(
      (a, b) => a + b,
      0,
    );
  // A counter whose presses were refused but nobody was rated there still gets its row.
  const clerkRows = [
    ...(data?.byClerk ?? []).map((c) => ({ ...c, key: `${c.staffId}-${c.counterNo}` })),
    ...(data?.misuseByCounter ?? [])
      .filter((m) => !data?.byClerk.some((c) => c.counterNo === m.counterNo))
      .map((m) => ({
        key: `misuse-${m.counterNo}`,
        staffId: '',
        staffName: '—',
        staffNo: null,
        counterNo: m.counterNo,
        outcomes: {} as Record<string, number>,
        total: 0,
      })),
  ];
  // The levels the hall's pads show (setting ratingLevels), and any other level this period holds
  // (pressed before the setting changed): a column no pad offers would only ever read 0.
  const shown = levelsFor(levelCount);
  const outcomeColumns: RatingOutcome[] = [
    ...RatingLevel.options.filter(
      (l) => shown.includes(l) || clerkRows.some((c) => (c.outcomes as Record<string, number>)[l]),
    ),
    'no_rating',
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Space wrap>
        <Radio.Group
          value={kind}
          onChange={(e) => setKind(e.target.value as 'day' | 'month')}
          optionType="button"
          options={[
            { value: 'day', label: t('ratingsDay') },
            { value: 'month', label: t('ratingsMonth') },
          ]}
        />
        {kind === 'day' ? (
          <PeriodInput kind="date" label={t('ratingsDay')} value={day} onChange={(v) => v && setDay(v)} />
        ) : (
          <PeriodInput
            kind="month"
            label={t('ratingsMonth')}
            value={month}
            onChange={(v) => v && setMonth(v)}
          />
        )}
      </Space>
      {error ? <Alert type="error" showIcon message={error} /> : null}
      <Card size="small" title={t('ratingsByClerk')}>
        <ListTable
          rowKey="key"
          dataSource={clerkRows}
          empty={t('ratingsNone')}
          columns={[
            { title: t('ratingsCounter'), dataIndex: 'counterNo' },
            {
              title: t('ratingsClerk'),
              key: 'clerk',
              render: (_: unknown, c) => (c.staffNo ? `${c.staffName}（${c.staffNo}）` : c.staffName),
            },
            ...outcomeColumns.map((o) => ({
              title: level(o),
              key: o,
              render: (_: unknown, c: (typeof clerkRows)[number]) => c.outcomes[o] ?? 0,
            })),
            { title: t('ratingsTotal'), dataIndex: 'total' },
            {
              title: t('ratingsMisuse'),
              key: 'misuse',
              render: (_: unknown, c) => (
                <span data-testid={`misuse-${c.counterNo}`}>{misuseOf(c.counterNo)}</span>
              ),
            },
          ]}
        />
        {data && data.misuseByCounter.length > 0 ? (
          <p style={{ marginTop: 8 }}>
            {data.misuseByCounter.map((m) => (
              <Tag key={m.counterNo}>
                {t('ratingsMisuseAt', {
                  counterNo: m.counterNo,
                  reasons: Object.entries(m.reasons)
                    .map(([k, n]) => `${t(`ratingsMisuse_${k}`, { defaultValue: k })} ${n}`)
                    .join('，'),
                })}
              </Tag>
            ))}
          </p>
        ) : null}
      </Card>
      <Card size="small" title={t('ratingsList', { count: data?.ratings.length ?? 0 })}>
        <ListTable
          rowKey="ratingId"
          dataSource={data?.ratings ?? []}
          pageSize={20}
          empty={t('ratingsNone')}
          onRow={(r) => ({ 'data-rating': r.ratingId }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('ratingsTime'),
              key: 'at',
              render: (_: unknown, r) => shortTime(r.recordedAt, i18n.language),
            },
            { title: t('ratingsCounter'), dataIndex: 'counterNo' },
            { title: t('ratingsClerk'), dataIndex: 'staffName' },
            { title: t('ratingsTicket'), key: 'ticket', render: (_: unknown, r) => r.ticketNumber ?? '—' },
            {
              title: t('ratingsLevel'),
              key: 'level',
              render: (_: unknown, r) => <Tag color={COLORS[r.outcome]}>{level(r.outcome)}</Tag>,
            },
            {
              title: t('ratingsReasons'),
              key: 'reasons',
              render: (_: unknown, r) => r.reasons.map((c) => <Tag key={c}>{reason(c)}</Tag>),
            },
            {
              title: t('ratingsSource'),
              key: 'source',
              render: (_: unknown, r) => t(`ratingsSource_${r.source}`),
            },
            {
              title: t('ratingsCase'),
              key: 'case',
              render: (_: unknown, r) =>
                r.case ? (
                  <Button size="small" type="link" onClick={() => show(r.case!.id)}>
                    {t('cases:openCaseNo', { no: r.case.no })}
                  </Button>
                ) : negative(r.outcome) ? (
                  <Button
                    size="small"
                    danger
                    loading={opening === r.ratingId}
                    disabled={opening !== null}
                    onClick={() => void openCase(r)}
                  >
                    {t('ratingOpenCase')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      {drawer}
    </Space>
  );
}
