import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SetupState } from '../../../shared/ipc.ts';
import { ShellConfig, WindowRole, type ShellConfigInput } from '../../../shared/shell/config.ts';
import { normalizePairingCode } from '../../../shared/pairingCode.ts';
import { SetupPage } from '../setup/SetupPage.tsx';
import './bridge.ts';
import { ErrorNote } from '../lib/ErrorNote.tsx';

/** The form's flat values; `toConfig` turns them into the settings the shell stores. */
interface Values {
  mode: 'hub' | 'station';
  port: number;
  demo: boolean;
  hubUrl?: string;
  pairingCode?: string;
  /** A station answering pad tablets on the hall LAN (listens on 0.0.0.0, not only this PC). */
  lanPads: boolean;
  kiosk: boolean;
  display: boolean;
  counter: boolean;
  counterNo?: number;
  customerScreen: boolean;
  displays: Partial<Record<WindowRole, number | 'auto'>>;
  printer: string | 'default';
  paper: '80' | '58';
  lockdown: boolean;
}

function toConfig(v: Values): ShellConfigInput {
  const displays = Object.fromEntries(
    Object.entries(v.displays ?? {}).filter(([, id]) => typeof id === 'number'),
  );
  return {
    version: 1,
    node:
      v.mode === 'hub'
        ? { mode: 'hub', port: v.port, demo: v.demo }
        : {
            mode: 'station',
            port: v.port,
            hubUrl: v.hubUrl ?? '',
            pairingCode: normalizePairingCode(v.pairingCode ?? '') ?? v.pairingCode ?? '',
            host: v.lanPads ? '0.0.0.0' : '127.0.0.1',
          },
    roles: {
      kiosk: v.kiosk,
      display: v.display,
      counter: v.counter ? { counterNo: v.counterNo ?? 1, customerScreen: v.customerScreen } : null,
    },
    displays,
    printer: { name: v.printer === 'default' ? null : v.printer, paper: v.paper },
    lockdown: v.lockdown,
  };
}

function toValues(c: ShellConfig | null): Values {
  return {
    mode: c?.node.mode ?? 'hub',
    port: c?.node.port ?? 8360,
    demo: c?.node.mode === 'hub' ? c.node.demo : false,
    hubUrl: c?.node.mode === 'station' ? c.node.hubUrl : undefined,
    pairingCode: c?.node.mode === 'station' ? c.node.pairingCode : undefined,
    lanPads: c?.node.mode === 'station' && c.node.host !== '127.0.0.1',
    kiosk: c?.roles.kiosk ?? false,
    display: c?.roles.display ?? false,
    counter: (c?.roles.counter ?? null) !== null,
    counterNo: c?.roles.counter?.counterNo ?? 1,
    customerScreen: c?.roles.counter?.customerScreen ?? true,
    displays: c?.displays ?? {},
    printer: c?.printer.name ?? 'default',
    paper: c?.printer.paper ?? '80',
    lockdown: c?.lockdown ?? true,
  };
}

/** First-run setup of a hall PC (shell only): its node, its windows and displays, its printer. */
export default function ShellSetupApp() {
  const { t } = useTranslation(['shell', 'common']);
  const [state, setState] = useState<SetupState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    void window.servicehall?.invoke('setup:get').then(setState);
  }, []);
  const mode = Form.useWatch('mode', form);
  const counter = Form.useWatch('counter', form);
  useEffect(() => {
    // A counter PC is a station (DESIGN §1): choosing the counter chooses the station.
    if (counter) form.setFieldValue('mode', 'station');
  }, [counter, form]);

  const save = async (v: Values) => {
    setError(null);
    const parsed = ShellConfig.safeParse(toConfig(v));
    if (!parsed.success) {
      const path = parsed.error.issues[0]?.path.join('.');
      return setError(
        t(path === 'roles' ? 'needWindow' : path === 'node.mode' ? 'counterIsStation' : 'hubUrlRule'),
      );
    }
    try {
      await window.servicehall!.invoke('setup:save', parsed.data);
      setSaved(true);
    } catch (e) {
      setError(t('saveFailed', { message: e instanceof Error ? e.message : String(e) }));
    }
  };
  if (!state) return null;
  const screenOptions = [
    { value: 'auto', label: t('auto') },
    ...state.displays.map((d) => ({
      value: d.id,
      label: [
        t('screenLabel', { label: d.label, width: d.bounds.width, height: d.bounds.height }),
        d.primary ? t('primary') : null,
        d.touch ? t('touch') : null,
      ]
        .filter(Boolean)
        .join(' · '),
    })),
  ];
  return (
    <SetupPage title={t('setupTitle')} explain={t('setupExplain')} width={720}>
      {state.problem ? (
        <Alert
          type="warning"
          showIcon
          message={t('problem', { problem: state.problem })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <ErrorNote error={error} spaced />
      {saved ? <Alert type="success" showIcon message={t('saved')} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={toValues(state.config)}
        onFinish={(v) => void save(v)}
        disabled={saved}
      >
        <Typography.Title level={5}>{t('windows')}</Typography.Title>
        <Form.Item name="kiosk" valuePropName="checked" noStyle>
          <Checkbox>{t('kiosk')}</Checkbox>
        </Form.Item>
        <Form.Item name="display" valuePropName="checked" noStyle>
          <Checkbox>{t('display')}</Checkbox>
        </Form.Item>
        <Form.Item name="counter" valuePropName="checked">
          <Checkbox>{t('counter')}</Checkbox>
        </Form.Item>
        {counter ? (
          <>
            <Alert type="info" message={t('counterIsStation')} style={{ marginBottom: 16 }} />
            <Form.Item name="counterNo" label={t('counterNo')} rules={[{ required: true }]}>
              <InputNumber min={1} max={99} />
            </Form.Item>
            <Form.Item name="customerScreen" valuePropName="checked">
              <Checkbox>{t('customerScreen')}</Checkbox>
            </Form.Item>
          </>
        ) : null}
        <Typography.Title level={5}>{t('nodeMode')}</Typography.Title>
        <Form.Item name="mode">
          <Radio.Group>
            <Radio value="hub" disabled={counter}>
              {t('hub')}
            </Radio>
            <Radio value="station">{t('station')}</Radio>
          </Radio.Group>
        </Form.Item>
        {mode === 'station' ? (
          <>
            <Form.Item
              name="hubUrl"
              label={t('hubUrl')}
              rules={[{ required: true, type: 'url', message: t('hubUrlRule') }]}
            >
              <Input placeholder="http://192.168.1.10:8360" />
            </Form.Item>
            <Form.Item
              name="pairingCode"
              label={t('pairingCode')}
              rules={[
                {
                  validator: (_r, v: string | undefined) =>
                    v && normalizePairingCode(v) !== null
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('pairingCodeRule'))),
                },
              ]}
            >
              <Input
                autoComplete="off"
                placeholder="K7QM-2XHD"
                style={{ fontFamily: 'monospace', width: 200 }}
              />
            </Form.Item>
            <Form.Item name="lanPads" valuePropName="checked" extra={t('lanPadsHelp')}>
              <Checkbox>{t('lanPads')}</Checkbox>
            </Form.Item>
          </>
        ) : (
          <Form.Item name="demo" valuePropName="checked">
            <Checkbox>{t('demo')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="port" label={t('port')}>
          <InputNumber min={1024} max={65535} />
        </Form.Item>
        <Typography.Title level={5}>{t('screens')}</Typography.Title>
        {/* A pad window is the demo's only: a hall's pad is a tablet or a keypad. */}
        {WindowRole.options
          .filter((role) => role !== 'pad')
          .map((role) => (
            <Form.Item
              key={role}
              name={['displays', role]}
              label={t(role === 'customer' ? 'customerScreen' : role)}
            >
              <Select options={screenOptions} placeholder={t('auto')} allowClear />
            </Form.Item>
          ))}
        <Typography.Title level={5}>{t('printer')}</Typography.Title>
        <Form.Item name="printer" label={t('printer')}>
          <Select
            options={[
              { value: 'default', label: t('defaultPrinter') },
              ...state.printers.map((p) => ({ value: p, label: p })),
            ]}
          />
        </Form.Item>
        <Form.Item name="paper" label={t('paper')}>
          <Radio.Group>
            <Radio value="80">{t('paper80')}</Radio>
            <Radio value="58">{t('paper58')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="lockdown" valuePropName="checked">
          <Checkbox>{t('lockdown')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large">
          {t('save')}
        </Button>
      </Form>
    </SetupPage>
  );
}
