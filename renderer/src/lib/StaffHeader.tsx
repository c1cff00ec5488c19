import type { ReactNode } from 'react';
import { Button, Layout, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/index.ts';

/**
 * The bar on top of every staff screen (counter, manager, console): the screen's title, who is signed
 * in, the 中文 / English switch and, while someone is signed in, sign-out.
 */
export function StaffHeader(props: {
  title: ReactNode;
  who?: string | null;
  onSignOut?: (() => unknown) | null;
}) {
  const { t, i18n } = useTranslation('common');
  const { onSignOut } = props;
  return (
    <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#0a4b8c' }}>
      <Typography.Title level={3} style={{ color: '#fff', margin: 0, flex: 1 }}>
        {props.title}
      </Typography.Title>
      {props.who ? <Typography.Text style={{ color: '#fff' }}>{props.who}</Typography.Text> : null}
      <Button onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}>{t('language')}</Button>
      {onSignOut ? <Button onClick={() => void onSignOut()}>{t('signOut')}</Button> : null}
    </Layout.Header>
  );
}
