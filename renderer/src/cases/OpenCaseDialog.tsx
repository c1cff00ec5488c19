import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CaseKind, type OpenCaseBody } from '../../../shared/cases/model.ts';
import { ErrorNote } from '../lib/ErrorNote.tsx';
import { useAttempt } from '../lib/useAttempt.ts';

interface Values {
  kind: CaseKind;
  summary: string;
  phone?: string;
  promisedAt?: string;
}

/**
 * 登记事项: a case opened at the counter, during a ticket (it is linked) or on its own. An enquiry not
 * answered now takes the customer's phone and the promised reply time (R-FR-2).
 */
export function OpenCaseDialog({
  ticket,
  onClose,
  onSubmit,
}: {
  ticket: { id: string; number: string } | null;
  onClose: () => void;
  onSubmit: (body: OpenCaseBody) => Promise<unknown>;
}) {
  const { t } = useTranslation('cases');
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const { busy, error, attempt } = useAttempt();
  const submit = (v: Values) =>
    attempt(async () => {
      await onSubmit({
        kind: v.kind,
        summary: v.summary,
        ...(ticket ? { ticketId: ticket.id } : {}),
        ...(v.phone ? { phone: v.phone } : {}),
        ...(v.promisedAt ? { promisedAt: new Date(v.promisedAt).getTime() } : {}),
      });
      onClose();
    });
  const needsContact = kind === 'enquiry';
  return (
    <Modal
      open
      title={ticket ? t('openForTicket', { number: ticket.number }) : t('openCase')}
      okText={t('openCaseOk')}
      cancelText={t('common:cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        name="openCase"
        form={form}
        layout="vertical"
        initialValues={{ kind: 'enquiry' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
          <Select options={CaseKind.options.map((k) => ({ value: k, label: t(`kind_${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t('summary')}
          rules={[{ required: true, message: t('summaryNeeded') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('customerPhone')}
          extra={t('phoneHint')}
          rules={[{ required: needsContact, message: t('phoneNeeded') }]}
        >
          <Input inputMode="tel" maxLength={24} />
        </Form.Item>
        <Form.Item
          name="promisedAt"
          label={kind === 'flow' ? t('promisedDone') : t('promisedReply')}
          rules={[{ required: needsContact, message: t('promisedNeeded') }]}
          extra={kind === 'complaint' ? t('complaintDeadlines') : undefined}
        >
          <Input type="datetime-local" disabled={kind === 'complaint'} />
        </Form.Item>
      </Form>
      <ErrorNote error={error} />
    </Modal>
  );
}
