import { useEffect, useState } from 'react';
import { Alert, App as AntApp, ConfigProvider, Layout, Menu } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { staffTheme } from '../lib/staffTheme.ts';
import { StaffHeader } from '../lib/StaffHeader.tsx';
import { useConsole } from './store.ts';
import { Overview } from './Overview.tsx';
import { Halls } from './Halls.tsx';
import { Quarantine } from './Quarantine.tsx';
import { RefData } from './RefData.tsx';
import { useZodLocale } from './zodForm.ts';
import { StaffSignIn } from '../lib/StaffSignIn.tsx';

type Section = 'overview' | 'halls' | 'quarantine' | 'ref';

/** How often each section re-reads head office while it is open. */
const POLL_MS: Record<Section, number> = { overview: 5_000, halls: 5_000, quarantine: 15_000, ref: 0 };

/** Head office's console (DESIGN §7): halls and devices, quarantine, reference data, all halls live. */
export default function ConsoleApp() {
  const { t, i18n } = useTranslation(['console', 'common']);
  useZodLocale(i18n.language);
  const token = useConsole((s) => s.token);
  const staff = useConsole((s) => s.staff);
  const reach = useConsole((s) => s.reach);
  const [section, setSection] = useState<Section>('overview');

  useEffect(() => {
    document.title = t('title');
  }, [t]);

  useEffect(() => {
    if (!token) return;
    const s = useConsole.getState();
    const load = {
      overview: () => Promise.all([s.loadOverview(), s.loadHalls()]),
      halls: s.loadHalls,
      quarantine: () => Promise.all([s.loadQuarantine(), s.loadHalls()]),
      ref: () => Promise.resolve(),
    }[section];
    const run = () => void load().catch(() => undefined);
    run();
    if (!POLL_MS[section]) return;
    const timer = setInterval(run, POLL_MS[section]);
    return () => clearInterval(timer);
  }, [token, section]);

  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={staffTheme}>
      <AntApp>
        <Layout style={{ minHeight: '100vh' }}>
          <StaffHeader
            title={t('title')}
            who={staff && token ? `${staff.name}（${staff.staffNo}）` : null}
            onSignOut={token ? () => useConsole.getState().logout() : null}
          />
          {reach === 'down' && token ? (
            <Alert type="error" showIcon banner role="alert" message={t('unreachable')} />
          ) : null}
          {token ? (
            <Layout>
              <Layout.Sider width={200} theme="light">
                <Menu
                  mode="inline"
                  selectedKeys={[section]}
                  style={{ height: '100%', paddingTop: 8 }}
                  onClick={(e) => setSection(e.key as Section)}
                  items={[
                    { key: 'overview', label: t('navOverview') },
                    { key: 'halls', label: t('navHalls') },
                    { key: 'quarantine', label: t('navQuarantine') },
                    { key: 'ref', label: t('navRef') },
                  ]}
                />
              </Layout.Sider>
              <Layout.Content style={{ padding: 24 }}>
                {section === 'overview' ? <Overview /> : null}
                {section === 'halls' ? <Halls /> : null}
                {section === 'quarantine' ? <Quarantine /> : null}
                {section === 'ref' ? <RefData /> : null}
              </Layout.Content>
            </Layout>
          ) : (
            <Layout.Content style={{ padding: 24 }}>
              <ConsoleLogin />
            </Layout.Content>
          )}
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}

function ConsoleLogin() {
  const { t } = useTranslation('console');
  return (
    <StaffSignIn title={t('signInTitle')} onSubmit={(v) => useConsole.getState().login(v.staffNo, v.pin)} />
  );
}
