import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { hallClient } from '../lib/client.ts';
import { setToken, type Surface } from '../lib/token.ts';
import { SetupPage } from './SetupPage.tsx';
import { normalizePairingCode } from '../../../shared/pairingCode.ts';
import { ErrorNote } from '../lib/ErrorNote.tsx';

const SURFACE_OF: Record<string, Surface> = {
  kiosk: 'kiosk',
  display: 'display',
  counter: 'counter',
  pad: 'pad',
};

/** Pairs this browser as a kiosk, display or counter screen with a one-time code from the manager. */
export default function SetupApp() {
  const { t } = useTranslation(['setup', 'common']);
  const [error, setError] = useState<string | null>(null);
  const [paired, setPaired] = useState<{ role: string; name: string } | null>(null);
  const pair = async (v: { code: string }) => {
    setError(null);
    try {
      const reply = await hallClient.pair({
        body: { code: normalizePairingCode(v.code) ?? v.code.trim() },
      });
      setToken(SURFACE_OF[reply.role] ?? 'kiosk', reply.token);
      setPaired(reply);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <SetupPage title={t('title')} explain={t('explain')} width={520}>
      <ErrorNote error={error} spaced />
      {paired ? (
        <Alert
          type="success"
          showIcon
          message={t('paired', { name: paired.name })}
          description={<a href={`/${SURFACE_OF[paired.role] ?? 'kiosk'}`}>{t('open')}</a>}
        />
      ) : (
        <Form layout="vertical" onFinish={(v) => void pair(v as { code: string })}>
          <Form.Item
            label={t('code')}
            name="code"
            rules={[
              { required: true, message: t('codeRule') },
              {
                // Lower case, spaces and O/I/L are forgiven, as the hub forgives them.
                validator: (_r, v: string | undefined) =>
                  !v || normalizePairingCode(v) !== null
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('codeRule'))),
              },
            ]}
          >
            <Input
              size="large"
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              maxLength={16}
              placeholder="K7QM-2XHD"
              style={{ fontSize: 32, letterSpacing: 4, width: 320, fontFamily: 'monospace' }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large">
            {t('pair')}
          </Button>
        </Form>
      )}
    </SetupPage>
  );
}
