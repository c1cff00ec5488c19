import { Alert } from 'antd';

/**
 * What went wrong with the last action, in the server's words, read out by screen readers
 * (role="alert"); nothing when there is no error. `spaced` keeps it off the form below it.
 */
export function ErrorNote({ error, spaced = false }: { error: string | null | undefined; spaced?: boolean }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={error}
      style={spaced ? { marginBottom: 16 } : undefined}
    />
  );
}
