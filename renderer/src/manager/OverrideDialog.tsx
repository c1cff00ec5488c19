import { useState } from 'react';
import { Button, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { requiredText } from '../lib/formRules.ts';
import { Note } from '../lib/Note.tsx';

/**
 * R-OPEN-1 / R-CLOSE-1: the hall may not open without its opening check, nor close with fewer than two
 * staff; the manager may do it anyway with a reason, which is logged.
 */
export function OverrideDialog({
  action,
  why,
  onClose,
  onSubmit,
}: {
  action: 'open' | 'close';
  why: string;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<void>;
}) {
  const { t } = useTranslation('checklists');
  const [error, setError] = useState<string | null>(null);
  const title = action === 'open' ? t('overrideOpenTitle') : t('overrideCloseTitle');
  return (
    <Modal open title={title} onCancel={onClose} footer={null}>
      <Note type="warning" message={why} />
      <Note type="error" message={error} />
      <Form
        layout="vertical"
        onFinish={(v: { reason: string }) =>
          onSubmit(v.reason.trim()).catch((e: unknown) =>
            setError(e instanceof Error ? e.message : String(e)),
          )
        }
      >
        <Form.Item name="reason" label={t('overrideReason')} rules={requiredText(t('overrideReasonNeeded'))}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button type="primary" danger htmlType="submit">
          {action === 'open' ? t('overrideOpen') : t('overrideClose')}
        </Button>
      </Form>
    </Modal>
  );
}
