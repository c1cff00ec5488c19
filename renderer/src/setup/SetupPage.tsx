import type { ReactNode } from 'react';
import { Button, Card, ConfigProvider, Layout, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { staffTheme } from '../lib/staffTheme.ts';
import { setLanguage } from '../i18n/index.ts';

/** The frame of a setup page (pairing a screen, setting up the shell's PC): one card, a language switch. */
export function SetupPage({
  title,
  explain,
  width,
  children,
}: {
  title: string;
  explain: string;
  width: number;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation('common');
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={staffTheme}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Content style={{ padding: 24 }}>
          <Card
            title={title}
            style={{ maxWidth: width, margin: '32px auto' }}
            extra={
              <Button onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}>
                {t('language')}
              </Button>
            }
          >
            <Typography.Paragraph>{explain}</Typography.Paragraph>
            {children}
          </Card>
        </Layout.Content>
      </Layout>
    </ConfigProvider>
  );
}
