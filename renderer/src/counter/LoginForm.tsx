import { Form, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCounter } from './store.ts';
import { StaffSignIn, type StaffCredentials } from '../lib/StaffSignIn.tsx';

function defaultCounter(): number {
  const fromUrl = Number(new URLSearchParams(location.search).get('counter'));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  return Number(localStorage.getItem('servicehall.counter.no') ?? 1) || 1;
}

/** Staff number + PIN + counter number (DESIGN §5). */
export function LoginForm({ role }: { role?: 'manager' }) {
  const { t } = useTranslation('counter');
  return (
    <StaffSignIn<StaffCredentials & { counterNo: number }>
      title={t('signInTitle')}
      initialValues={{ counterNo: defaultCounter() }}
      onSubmit={(v) => useCounter.getState().login(v.staffNo, v.pin, v.counterNo)}
    >
      {role ? null : (
        <Form.Item label={t('counterField')} name="counterNo" rules={[{ required: true }]}>
          <InputNumber min={1} max={99} style={{ width: '100%' }} />
        </Form.Item>
      )}
    </StaffSignIn>
  );
}
