import { Alert } from 'antd';

/**
 * A note above a card's or a dialog's content, with its icon and 12 px below it; nothing when there is
 * no message. antd gives every Alert role="alert", so screen readers read it out as it appears.
 */
export function Note({
  type,
  message,
}: {
  type: 'info' | 'warning' | 'error';
  message: string | null | undefined | false;
}) {
  if (!message) return null;
  return <Alert type={type} showIcon style={{ marginBottom: 12 }} message={message} />;
}
