import { Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { PIN_PATTERN, STAFF_NO_PATTERN } from '../../../shared/primitives.ts';

/**
 * Someone who signs on the spot (DESIGN §6b: approver, witness, companion): their staff number and PIN,
 * typed at this screen; it opens no session. The form's value at `name` is `{staffNo, pin}`.
 */
export function SignatureFields({ name, label }: { name: string; label: string }) {
  const { t } = useTranslation('common');
  return (
    <Form.Item label={label} required style={{ marginBottom: 0 }}>
      <Space.Compact block>
        <Form.Item
          name={[name, 'staffNo']}
          rules={[{ required: true, pattern: STAFF_NO_PATTERN, message: t('staffNoRule') }]}
          style={{ width: '45%' }}
        >
          <Input
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('staffNo')}
            aria-label={`${label} ${t('staffNo')}`}
          />
        </Form.Item>
        <Form.Item
          name={[name, 'pin']}
          rules={[{ required: true, pattern: PIN_PATTERN, message: t('pinRule') }]}
          style={{ width: '55%' }}
        >
          <Input.Password
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('pin')}
            aria-label={`${label} ${t('pin')}`}
          />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}
