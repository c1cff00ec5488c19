import { App as AntApp, Checkbox, Form, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HallStation } from '../../../../shared/api/hall/money.ts';
import type { Signature } from '../../../../shared/money/cash.ts';
import type { HallZReport } from '../../../../shared/money/hallZReport.ts';
import { localStamp } from '../../../../shared/time/businessDay.ts';
import { ErrorNote } from '../../lib/ErrorNote.tsx';
import { usePolledRead } from '../../lib/usePolling.ts';
import { useManagerApi } from '../records/useManagerApi.ts';
import { useManager } from '../store.ts';
import { ApprovedCloseCard } from './DayCloseCard.tsx';
import { ZReportPanel } from './ZReportPanel.tsx';

/** Stations report every 30 s; the list follows at half that pace. */
const STATIONS_POLL_MS = 15_000;

interface HallCloseForm {
  approver: Signature;
  uncounted?: string[];
}

/** One station's state for the close: closed, confirmed after the day, behind, open or never heard. */
function StationState({ s, tz }: { s: HallStation; tz: string }) {
  const { t } = useTranslation('money');
  const at = s.lastHeardAt === null ? '' : localStamp(s.lastHeardAt, tz);
  if (s.dayClosed) return <Tag color="green">{t('stationDayClosed')}</Tag>;
  if (s.confirmed) return <Tag color="green">{t('stationConfirmed', { at })}</Tag>;
  if (s.lastHeardAt === null) return <Tag color="red">{t('stationNeverHeard')}</Tag>;
  if (s.pending) return <Tag color="gold">{t('stationPending', { count: s.pending, at })}</Tag>;
  return <Tag color="gold">{t('stationOpen', { at })}</Tag>;
}

/**
 * 全厅日结 (issue 11: per clerk, then per hall): once every device that took money has closed its day
 * and the close reached the hub, and every station has closed its day too (or said after the day's end
 * that the hub holds all its records), a duty manager closes the hall's day; the hub names any device
 * still open. A station that cannot (switched off, broken) is left out only when the manager ticks it
 * as having taken no money; the report lists it. Once closed, the hall Z-report shows as it prints (A4
 * or 80 mm, and so to PDF).
 */
export function HallDayCard({ day, report }: { day: string; report: HallZReport | null }) {
  return report ? <ZReportPanel report={report} /> : <OpenHallDay day={day} />;
}

/** The close form of a day still open, with its stations' states (read only while it is open). */
function OpenHallDay({ day }: { day: string }) {
  const { t } = useTranslation('money');
  const { message } = AntApp.useApp();
  const { token, tz, api } = useManagerApi();
  const stations = usePolledRead(() => api.hallStations({ day }), STATIONS_POLL_MS, `${token ?? ''}:${day}`);
  const close = async (v: HallCloseForm) => {
    const uncounted = v.uncounted ?? [];
    await useManager
      .getState()
      .act((a) =>
        a.closeHallDay({ day, body: { approver: v.approver, ...(uncounted.length ? { uncounted } : {}) } }),
      );
    await useManager.getState().loadMoney(day);
    void message.success(t('hallDayClosed', { day }));
  };
  const list = stations.data ?? [];
  const unconfirmed = list.filter((s) => !s.confirmed);
  const label = (s: HallStation) => t('stationName', { name: s.name, code: s.deviceCode });
  return (
    <ApprovedCloseCard<HallCloseForm>
      title={t('closeHallDayTitle', { day })}
      hint={t('closeHallDayHint')}
      submit={t('closeHallDay')}
      onClose={close}
    >
      <ErrorNote error={stations.error} />
      {list.length > 0 ? (
        <List
          size="small"
          header={t('hallStations')}
          dataSource={list}
          style={{ marginBottom: 12 }}
          renderItem={(s) => (
            <List.Item>
              <span>{label(s)}</span>
              <StationState s={s} tz={tz} />
            </List.Item>
          )}
        />
      ) : null}
      {unconfirmed.length > 0 ? (
        <Form.Item name="uncounted" label={t('uncountedLabel')} extra={t('uncountedHint')}>
          <Checkbox.Group options={unconfirmed.map((s) => ({ value: s.deviceId, label: label(s) }))} />
        </Form.Item>
      ) : null}
    </ApprovedCloseCard>
  );
}
