import type { ReactNode } from 'react';
import { Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { PIN_PATTERN, STAFF_NO_PATTERN } from '../../../shared/primitives.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { useAttempt } from './useAttempt.ts';

export interface StaffCredentials {
  staffNo: string;
  pin: string;
}

/**
 * Staff number + PIN (DESIGN §5), the one sign-in card of every staff screen. The server's own 401/429
 * message is shown as it is, unless `describe` turns an error into the screen's own words.
 */
export function StaffSignIn<V extends StaffCredentials>({
  title,
  onSubmit,
  describe,
  initialValues,
  children,
}: {
  title: string;
  onSubmit: (values: V) => Promise<void>;
  describe?: (error: unknown) => string | null;
  initialValues?: Partial<V>;
  /** Further fields (the counter number at a counter). */
  children?: ReactNode;
}) {
  const { t } = useTranslation('common');
  const { busy, error, attempt } = useAttempt(describe);
  return (
    <Card title={title} style={{ maxWidth: 420, margin: '48px auto' }}>
      <ErrorNote error={error} spaced />
      <Form
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => void attempt(() => onSubmit(v as V))}
      >
        <Form.Item
          label={t('staffNo')}
          name="staffNo"
          rules={[{ required: true, pattern: STAFF_NO_PATTERN, message: t('staffNoRule') }]}
        >
          <Input autoFocus inputMode="numeric" autoComplete="username" />
        </Form.Item>
        <Form.Item
          label={t('pin')}
          name="pin"
          rules={[{ required: true, pattern: PIN_PATTERN, message: t('pinRule') }]}
        >
          <Input.Password inputMode="numeric" autoComplete="current-password" />
        </Form.Item>
        {children}
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('signIn')}
        </Button>
      </Form>
    </Card>
  );
}
