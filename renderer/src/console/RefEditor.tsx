import { Button, Drawer, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import type { RefChange, RefKind } from '../../../shared/sync/protocol.ts';
import { PIN_PATTERN, SERVICE_CODE_PATTERN, STAFF_NO_PATTERN } from '../../../shared/primitives.ts';
import { useConsole } from './store.ts';
import { refFields, SETTING_KEYS, settingField, zodIssue, type FieldSpec } from './zodForm.ts';
import { ErrorNote } from '../lib/ErrorNote.tsx';
import { useAttempt } from '../lib/useAttempt.ts';

const KEY = /^[A-Za-z0-9_.-]{1,64}$/;

/** What head office requires of each kind's key (shared/sync/refdata.ts parseRef), said in the UI language. */
const KEY_RULES: Partial<Record<RefKind, RegExp>> = {
  service: SERVICE_CODE_PATTERN,
  staff: STAFF_NO_PATTERN,
  counter: /^\d{1,2}$/,
};

/** A schema default for a new item's form (e.g. a new service is open for issuing). */
function defaultOf(f: FieldSpec): unknown {
  if (f.required) return undefined;
  const r = f.schema.safeParse(undefined);
  return r.success ? r.data : undefined;
}

/** Form value → the value the schema checks (lines and JSON are typed as text). */
function toData(f: FieldSpec, v: unknown): unknown {
  if (f.kind.type === 'lines')
    return String(v ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  if (f.kind.type === 'json') {
    if (typeof v !== 'string' || v.trim() === '') return undefined;
    return JSON.parse(v) as unknown;
  }
  // An optional text left empty is absent (a fee's code or valid-from), not an empty string.
  if (v === null || (v === '' && (f.kind.type !== 'text' || !f.required))) return undefined;
  return v;
}

/** Stored value → form value. */
function toForm(f: FieldSpec, v: unknown): unknown {
  if (f.kind.type === 'lines') return Array.isArray(v) ? v.join('\n') : '';
  if (f.kind.type === 'json') return v === undefined ? '' : JSON.stringify(v);
  return v;
}

export function RefEditor(props: {
  kind: RefKind;
  item: RefChange | null;
  serviceCodes: string[];
  onClose(): void;
  onSaved(version: number): void;
}) {
  const { kind, item } = props;
  const { t } = useTranslation('console');
  const [form] = Form.useForm();
  const { busy, error, attempt } = useAttempt();
  const settingKey = Form.useWatch('key', form) as string | undefined;
  const fields =
    kind === 'setting'
      ? [settingField(item?.key ?? settingKey ?? '')].filter((f): f is FieldSpec => f !== null)
      : refFields(kind);

  const initial: Record<string, unknown> = { key: item?.key };
  for (const f of fields) initial[f.name] = toForm(f, item ? item.data?.[f.name] : defaultOf(f));

  const rule = (f: FieldSpec): Rule => ({
    validator: async (_r, v: unknown) => {
      if (f.required && (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')))
        throw new Error(t('required'));
      let data: unknown;
      try {
        data = toData(f, v);
      } catch {
        throw new Error(t('jsonInvalid'));
      }
      const issue = zodIssue(f.schema, data);
      if (issue) throw new Error(issue);
    },
  });

  const save = (values: Record<string, unknown>) => {
    const key = item?.key ?? String(values.key);
    const data: Record<string, unknown> = {};
    for (const f of fields) {
      const v = toData(f, values[f.name]);
      if (v !== undefined) data[f.name] = v;
    }
    if (kind === 'staff') {
      // Only head office sees the PIN, once: it stores and sends the argon2id hash alone.
      if (values.pin) data.pin = values.pin;
      else if (item?.data?.pinHash) data.pinHash = item.data.pinHash;
    }
    return attempt(async () => {
      const { version } = await useConsole.getState().api.putRef({ kind, key, body: data });
      props.onSaved(version);
    });
  };

  return (
    <Drawer
      open
      onClose={props.onClose}
      title={`${t(`kind_${kind}`)} · ${item ? `${t('edit')} ${item.key}` : t('add')}`}
      size="large"
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common:cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {t('common:save')}
          </Button>
        </Space>
      }
    >
      <ErrorNote error={error} spaced />
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void save(v as Record<string, unknown>)}
      >
        <Form.Item
          label={t(`key_${kind}`)}
          name="key"
          rules={[
            { required: true, message: t('required') },
            { pattern: KEY_RULES[kind] ?? KEY, message: t(KEY_RULES[kind] ? `keyRule_${kind}` : 'keyRule') },
          ]}
        >
          {kind === 'setting' ? (
            <Select
              disabled={item !== null}
              showSearch
              optionFilterProp="label"
              options={SETTING_KEYS.map((k) => ({
                value: k,
                label: `${t(`setting_${k}`, { defaultValue: k })} (${k})`,
              }))}
            />
          ) : (
            <Input disabled={item !== null} autoFocus={item === null} />
          )}
        </Form.Item>
        {fields.map((f) => (
          <Form.Item
            key={`${f.name}-${settingKey ?? ''}`}
            label={t(f.kind.type === 'json' ? 'f_valueJson' : `f_${f.name}`)}
            name={f.name}
            rules={[rule(f)]}
            required={f.required}
            valuePropName={f.kind.type === 'bool' ? 'checked' : 'value'}
          >
            {input(f, props.serviceCodes, t)}
          </Form.Item>
        ))}
        {kind === 'staff' ? (
          <Form.Item
            label={t('f_pin')}
            name="pin"
            extra={item ? t('f_pinKeep') : undefined}
            rules={[{ required: item === null, pattern: PIN_PATTERN, message: t('f_pinRule') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : null}
        {/* Enter in a field saves, as the header's button does. */}
        <button type="submit" hidden />
      </Form>
    </Drawer>
  );
}

function input(f: FieldSpec, serviceCodes: string[], t: (k: string) => string) {
  switch (f.kind.type) {
    case 'number':
      return <InputNumber style={{ width: 200 }} step={f.kind.integer ? 1 : 0.05} />;
    case 'bool':
      return <Switch checkedChildren={t('yes')} unCheckedChildren={t('no')} />;
    case 'choice':
      return (
        <Select
          options={f.kind.options.map((o) => ({
            value: o,
            label: f.name === 'role' ? t(`role_${o}`) : o,
          }))}
        />
      );
    case 'tags':
      return <Select mode="tags" options={serviceCodes.map((c) => ({ value: c, label: c }))} />;
    case 'lines':
      return <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />;
    case 'json':
      return <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />;
    default:
      return <Input />;
  }
}
