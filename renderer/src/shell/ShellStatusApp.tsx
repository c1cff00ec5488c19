import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeStatus } from '../../../shared/ipc.ts';
import { useNow } from '../lib/useNow.ts';
import { nodeStatusText } from './nodeStatusText.ts';
import './bridge.ts';

/** The shell's first window while its hall node starts: the node's state, and the setup if it cannot. */
export default function ShellStatusApp() {
  const { t } = useTranslation('shell');
  const [status, setStatus] = useState<NodeStatus>({ state: 'starting', attempt: 0 });
  const now = useNow(1000);
  useEffect(() => {
    const shell = window.servicehall;
    if (!shell) return;
    void shell.invoke('shell:info').then((info) => info.node && setStatus(info.node));
    return shell.on('node:status', setStatus);
  }, []);
  return (
    <main className="public plain">
      <h1>{t('common:appName')}</h1>
      <p role="status">{nodeStatusText(t, status, now)}</p>
      {status.state === 'failed' ? (
        <p>
          <a href="/shell-setup">{t('status.changeSetup')}</a>
        </p>
      ) : null}
    </main>
  );
}
