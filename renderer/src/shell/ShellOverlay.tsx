import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ipc, NodeStatus } from '../../../shared/ipc.ts';
import { useNow } from '../lib/useNow.ts';
import { nodeStatusText } from './nodeStatusText.ts';
import './bridge.ts';
import './shell.css';

/**
 * What the shell adds to every screen it opens: a banner while its hall node is not running, and the
 * manager-PIN dialog when someone asks to leave a locked window. Nothing in a plain browser.
 */
export function ShellOverlay() {
  const [status, setStatus] = useState<NodeStatus | null>(null);
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    const shell = window.servicehall;
    if (!shell) return;
    void shell.invoke('shell:info').then((info) => setStatus((s) => s ?? info.node));
    const offStatus = shell.on('node:status', setStatus);
    const offExit = shell.on('shell:exit-requested', () => setAsking(true));
    return () => {
      offStatus();
      offExit();
    };
  }, []);
  return (
    <>
      {status && status.state !== 'running' ? <NodeBanner status={status} /> : null}
      {asking ? <ExitDialog onClose={() => setAsking(false)} /> : null}
    </>
  );
}

function NodeBanner({ status }: { status: NodeStatus }) {
  const { t } = useTranslation('shell');
  const now = useNow(1000);
  return (
    <div role="status" className={`shell-banner shell-banner-${status.state}`}>
      {nodeStatusText(t, status, now)}
    </div>
  );
}

type ExitCode = Extract<Ipc['shell:exit']['result'], { ok: false }>['code'];

function ExitDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('shell');
  const [staffNo, setStaffNo] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<ExitCode | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await window.servicehall!.invoke('shell:exit', { staffNo, pin });
    // On success the shell quits; the dialog stays until it does.
    if (!result.ok) {
      setError(result.code);
      setPin('');
      setBusy(false);
    }
  };
  return (
    <div className="shell-exit-backdrop">
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby="shell-exit-title"
        className="shell-exit"
        onSubmit={(e) => void submit(e)}
      >
        <h2 id="shell-exit-title">{t('exit.title')}</h2>
        <p>{t('exit.explain')}</p>
        <label>
          {t('exit.staffNo')}
          <input
            value={staffNo}
            onChange={(e) => setStaffNo(e.target.value)}
            autoComplete="off"
            inputMode="numeric"
            autoFocus
            required
          />
        </label>
        <label>
          {t('exit.pin')}
          <input
            type="password"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            autoComplete="off"
            inputMode="numeric"
            required
          />
        </label>
        {error ? <p role="alert">{t(`exit.${error}`)}</p> : null}
        <div className="shell-exit-buttons">
          <button type="button" onClick={onClose}>
            {t('exit.cancel')}
          </button>
          <button type="submit" disabled={busy}>
            {t('exit.confirm')}
          </button>
        </div>
      </form>
    </div>
  );
}
