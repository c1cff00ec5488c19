import type { ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';

/** A form's validation failure is shown by the form itself: nothing more to report. */
export const shownByForm = (): undefined => undefined;

/**
 * A dialog with one form: validated, sent, closed; on a refusal (onSubmit rejects) it stays open with
 * what was typed. Pass `form` when the fields depend on each other (Form.useWatch).
 */
export function FormDialog<V extends object>(props: {
  title: string;
  /** The form's name, which prefixes its fields' ids. */
  name?: string;
  width?: number;
  okText?: string;
  danger?: boolean;
  onClose: () => void;
  onSubmit: (values: V) => Promise<unknown>;
  initialValues?: Partial<V>;
  form?: FormInstance<V>;
  children: ReactNode;
}) {
  const { t } = useTranslation('common');
  const [own] = Form.useForm<V>();
  const form = props.form ?? own;
  return (
    <Modal
      open
      title={props.title}
      width={props.width}
      okText={props.okText}
      okButtonProps={props.danger ? { danger: true } : undefined}
      cancelText={t('cancel')}
      onCancel={props.onClose}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => props.onSubmit(v).then(props.onClose, () => undefined), shownByForm)
      }
    >
      <Form name={props.name} form={form} layout="vertical" initialValues={props.initialValues}>
        {props.children}
      </Form>
    </Modal>
  );
}
