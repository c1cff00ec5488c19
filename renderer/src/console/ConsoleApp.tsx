import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, ConfigProvider, Layout, Menu, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/index.ts';
import { staffTheme } from '../lib/staffTheme.ts';
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
          <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#0a4b8c' }}>
            <Typography.Title level={3} style={{ color: '#fff', margin: 0, flex: 1 }}>
              {t('title')}
            </Typography.Title>
            {staff && token ? (
              <Typography.Text style={{ color: '#fff' }}>
                {staff.name}（{staff.staffNo}）
              </Typography.Text>
            ) : null}
            <Button onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}>
              {t('common:language')}
            </Button>
            {token ? (
              <Button onClick={() => useConsole.getState().logout()}>{t('common:signOut')}</Button>
            ) : null}
          </Layout.Header>
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
