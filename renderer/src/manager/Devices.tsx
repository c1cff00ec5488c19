import type { z } from 'zod';
import type { DeviceBody } from '../../../shared/api/schemas.ts';
import { useState } from 'react';
import {
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../lib/format.ts';
import { useManager, type DeviceRow } from './store.ts';
import { ListTable } from '../lib/ListTable.tsx';

/**
 * The roles this build has a screen for. The standalone rating pad (`/pad`) is not built yet, so it is
 * not offered: a code for it would pair a device to a page that does not exist.
 */
const PAIRABLE_ROLES = ['kiosk', 'display', 'counter'] as const;

/** Pair devices with one-time codes (DESIGN §5) and revoke them. */
export function Devices() {
  const { t, i18n } = useTranslation(['manager', 'common']);
  const { message } = AntApp.useApp();
  const devices = useManager((s) => s.devices);
  const [code, setCode] = useState<{ code: string; expiresAt: number } | null>(null);
  const make = async (v: z.input<typeof DeviceBody>) => {
    try {
      setCode(await useManager.getState().act((api) => api.makePairingCode({ body: v })));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card title={t('pairTitle')}>
        <Form<z.input<typeof DeviceBody>>
          layout="inline"
          onFinish={(v) => void make(v)}
          initialValues={{ role: 'kiosk' }}
        >
          <Form.Item name="role" label={t('role')}>
            <Select
              style={{ width: 160 }}
              options={PAIRABLE_ROLES.map((r) => ({
                value: r,
                label: t(`role_${r}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="name" label={t('deviceName')} rules={[{ required: true, max: 60 }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="counterNo" label={t('counter')}>
            <InputNumber min={1} max={99} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('makeCode')}
          </Button>
        </Form>
        {code ? (
          <Typography.Title level={2} style={{ marginTop: 16 }} copyable>
            {code.code}
          </Typography.Title>
        ) : null}
        {code ? (
          <Typography.Text>
            {t('codeExpires', { time: formatClock(code.expiresAt, i18n.language) })}
          </Typography.Text>
        ) : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('displaySoundHelp')}
        </Typography.Paragraph>
      </Card>
      <Card title={t('tabDevices')}>
        <ListTable<DeviceRow>
          rowKey="deviceId"
          dataSource={devices}
          columns={[
            { title: t('deviceName'), dataIndex: 'name' },
            { title: t('role'), dataIndex: 'role', render: (r: string) => t(`role_${r}`) },
            { title: t('counter'), dataIndex: 'counterNo', render: (n: number | null) => n ?? '—' },
            {
              title: t('state'),
              render: (_v, d) =>
                d.revoked ? (
                  <Tag>{t('revoked')}</Tag>
                ) : (
                  <Popconfirm
                    title={t('revokeConfirm')}
                    onConfirm={() =>
                      void useManager.getState().act((api) => api.revokeDevice({ id: d.deviceId }))
                    }
                  >
                    <Button danger size="small">
                      {t('revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
