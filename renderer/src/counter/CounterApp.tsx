import { useEffect } from 'react';
import { ConfigProvider, Layout, Tag } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { staffTheme } from '../lib/staffTheme.ts';
import { StaffHeader } from '../lib/StaffHeader.tsx';
import { useTranslation } from 'react-i18next';
import { ConnectionBanner } from '../lib/ConnectionBanner.tsx';
import { connectLive } from '../lib/live.ts';
import { useCounter } from './store.ts';
import { LoginForm } from './LoginForm.tsx';
import { Workspace } from './Workspace.tsx';
import { usePolling } from '../lib/usePolling.ts';

export default function CounterApp() {
  const { t, i18n } = useTranslation(['counter', 'common']);
  const session = useCounter((s) => s.session);
  const status = useCounter((s) => s.status);
  const demo = useCounter((s) => s.hall?.demo);

  // Whether this counter runs on a station and can reach its hub; cheap, so read every few seconds.
  usePolling(() => useCounter.getState().refreshNode(), 5_000, session);

  useEffect(() => {
    if (!session) return;
    const { refresh } = useCounter.getState();
    void refresh().catch(() => undefined);
    return connectLive({
      token: session.token,
      onEvent: () => void refresh().catch(() => undefined),
      onStatus: (s) => {
        useCounter.setState({ status: s });
        if (s === 'open') void refresh().catch(() => undefined);
      },
    });
  }, [session]);

  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={staffTheme}>
      <Layout style={{ minHeight: '100vh' }}>
        <ConnectionBanner status={session ? status : 'open'} />
        <StaffHeader
          title={
            <>
              {session ? t('titleAt', { counterNo: session.counterNo }) : t('title')}
              {demo ? <Tag style={{ marginLeft: 12 }}>{t('common:demo')}</Tag> : null}
            </>
          }
          who={session ? `${session.staff.name}（${session.staff.staffNo}）` : null}
          onSignOut={session ? () => useCounter.getState().logout() : null}
        />
        <Layout.Content style={{ padding: 24 }}>{session ? <Workspace /> : <LoginForm />}</Layout.Content>
      </Layout>
    </ConfigProvider>
  );
}
