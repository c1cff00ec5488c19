import { useEffect } from 'react';
import { Alert, App as AntApp, ConfigProvider, Layout, Tabs, Tag } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { staffTheme } from '../lib/staffTheme.ts';
import { StaffHeader } from '../lib/StaffHeader.tsx';
import { useTranslation } from 'react-i18next';
import { ConnectionBanner } from '../lib/ConnectionBanner.tsx';
import { connectLive } from '../lib/live.ts';
import { useManager } from './store.ts';
import { HallLive } from './HallLive.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import { Devices } from './Devices.tsx';
import { HEALTH_POLL_MS, SyncPanel } from './SyncPanel.tsx';
import { StaffSignIn } from '../lib/StaffSignIn.tsx';
import { CashTab } from './cash/CashTab.tsx';
import { CasesTab } from './CasesTab.tsx';
import { RatingsTab } from './RatingsTab.tsx';
import { HandoversTab } from './records/HandoversTab.tsx';
import { RegistersTab } from './records/RegistersTab.tsx';
import { ChecklistsTab } from './ChecklistsTab.tsx';

export default function ManagerApp() {
  const { t, i18n } = useTranslation(['manager', 'common']);
  const token = useManager((s) => s.token);
  const staff = useManager((s) => s.staff);
  const status = useManager((s) => s.status);
  const demo = useManager((s) => s.hall?.demo);
  const integrityAlarm = useManager((s) => (s.health?.integrity?.mismatches.length ?? 0) > 0);

  useEffect(() => {
    if (!token) return;
    const { refresh } = useManager.getState();
    void refresh().catch(() => undefined);
    const timer = setInterval(() => void refresh().catch(() => undefined), 15_000);
    // Sync state moves on its own (backlog drains, the link drops): /health is cheap to re-read often.
    const health = setInterval(
      () =>
        void useManager
          .getState()
          .refreshHealth()
          .catch(() => undefined),
      HEALTH_POLL_MS,
    );
    const stop = connectLive({
      token,
      onEvent: () => void refresh().catch(() => undefined),
      onStatus: (s) => useManager.setState({ status: s }),
    });
    return () => {
      clearInterval(timer);
      clearInterval(health);
      stop();
    };
  }, [token]);

  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={staffTheme}>
      <AntApp>
        <Layout style={{ minHeight: '100vh' }}>
          <ConnectionBanner status={token ? status : 'open'} />
          <HealthProblems />
          <StaffHeader
            title={
              <>
                {t('title')} {demo ? <Tag>{t('common:demo')}</Tag> : null}
              </>
            }
            who={staff?.name}
            onSignOut={token ? () => useManager.getState().logout() : null}
          />
          <Layout.Content style={{ padding: 24 }}>
            {token && integrityAlarm ? (
              // On every tab: the journal differs from what head office acknowledged (issue 9).
              <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('integrityAlarm')} />
            ) : null}
            {token ? (
              <Tabs
                items={[
                  { key: 'live', label: t('tabLive'), children: <HallLive /> },
                  { key: 'cash', label: t('tabCash'), children: <CashTab /> },
                  { key: 'cases', label: t('cases:tab'), children: <CasesTab /> },
                  { key: 'ratings', label: t('tabRatings'), children: <RatingsTab /> },
                  { key: 'handovers', label: t('records:handoversTab'), children: <HandoversTab /> },
                  { key: 'registers', label: t('records:registersTab'), children: <RegistersTab /> },
                  { key: 'checklists', label: t('checklists:tab'), children: <ChecklistsTab /> },
                  { key: 'settings', label: t('tabSettings'), children: <SettingsForm /> },
                  { key: 'devices', label: t('tabDevices'), children: <Devices /> },
                  { key: 'sync', label: t('tabSync'), children: <SyncPanel /> },
                ]}
              />
            ) : (
              <ManagerLogin />
            )}
          </Layout.Content>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}

/** What /health says is wrong with this node: a full disk or an I/O error (until it clears), a broken hash chain. */
function HealthProblems() {
  const { t } = useTranslation('manager');
  // A journal that differs from head office's acks has its own alarm on every tab (integrityAlarm).
  const problems = useManager((s) => s.health?.problems)?.filter((p) => p.code !== 'E_INTEGRITY');
  if (!problems?.length) return null;
  return (
    <>
      {problems.map((p) => (
        <Alert
          key={p.code}
          type="error"
          banner
          showIcon
          role="alert"
          data-problem={p.code}
          message={p.code === 'E_CHAIN' ? t('problemTitleChain') : t('problemTitle')}
          description={p.code === 'E_CHAIN' ? p.message : `${p.message} ${t('problemClears')}`}
        />
      ))}
    </>
  );
}

function ManagerLogin() {
  const { t } = useTranslation('manager');
  return (
    <StaffSignIn
      title={t('signInTitle')}
      onSubmit={(v) => useManager.getState().login(v.staffNo, v.pin)}
      describe={(e) => (e instanceof Error && e.message === 'E_MANAGER_ONLY' ? t('managerOnly') : null)}
    />
  );
}
