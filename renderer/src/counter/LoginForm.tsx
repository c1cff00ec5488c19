import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCounter } from './store.ts';

function defaultCounter(): number {
  const fromUrl = Number(new URLSearchParams(location.search).get('counter'));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  return Number(localStorage.getItem('servicehall.counter.no') ?? 1) || 1;
}

/** Staff number + PIN + counter number (DESIGN §5). The server's 401/429 messages are shown as they are. */
export function LoginForm({ role }: { role?: 'manager' }) {
  const { t } = useTranslation(['counter', 'common']);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onFinish = async (v: { staffNo: string; pin: string; counterNo: number }) => {
    setBusy(true);
    setError(null);
    try {
      await useCounter.getState().login(v.staffNo, v.pin, v.counterNo);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('signInTitle')} style={{ maxWidth: 420, margin: '48px auto' }}>
      {error ? (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />
      ) : null}
      <Form
        layout="vertical"
        onFinish={(v) => void onFinish(v as { staffNo: string; pin: string; counterNo: number })}
        initialValues={{ counterNo: defaultCounter() }}
      >
        <Form.Item
          label={t('common:staffNo')}
          name="staffNo"
          rules={[{ required: true, pattern: /^\d{3,8}$/, message: t('staffNoRule') }]}
        >
          <Input autoFocus inputMode="numeric" autoComplete="username" />
        </Form.Item>
        <Form.Item
          label={t('common:pin')}
          name="pin"
          rules={[{ required: true, pattern: /^\d{4,12}$/, message: t('pinRule') }]}
        >
          <Input.Password inputMode="numeric" autoComplete="current-password" />
        </Form.Item>
        {role ? null : (
          <Form.Item label={t('counterField')} name="counterNo" rules={[{ required: true }]}>
            <InputNumber min={1} max={99} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('common:signIn')}
        </Button>
      </Form>
    </Card>
  );
}
