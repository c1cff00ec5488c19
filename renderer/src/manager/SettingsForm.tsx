import { App as AntApp, Button, Card, Form, Input, InputNumber, Switch, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { Settings, SettingsPatch } from '../../../shared/settings.ts';
import { RecordType } from '../../../shared/registers/model.ts';
import { useManager } from './store.ts';

/** The queue settings; the same zod schema checks them here and on the server. */
const FIELDS = [
  ['maxWaitGuardMinutes', 'number'],
  ['consecutivePriorityCap', 'number'],
  ['recallCap', 'number'],
  ['noShowReactivateMinutes', 'number'],
  ['awayMaxMinutes', 'number'],
  ['slaWarnRatio', 'ratio'],
  ['openingTime', 'time'],
  ['closingTime', 'time'],
  ['enforceOpeningHours', 'bool'],
  ['announceEnglish', 'bool'],
  ['complaintDayCount', 'dayCount'],
  ['complaintReplyDays', 'number'],
  ['complaintOpinionDays', 'number'],
  ['caseRemindMinutes', 'number'],
  ['caseStalledDays', 'number'],
  ['handoverUnsignedMinutes', 'number'],
  ['visitorTemperatureLimitC', 'tenths'],
  ['visitorContact', 'text'],
] as const;

/** Labels of the issue-13 settings live with the records screens' words. */
const RECORD_SETTINGS: readonly string[] = [
  'handoverUnsignedMinutes',
  'visitorTemperatureLimitC',
  'visitorContact',
];

export function SettingsForm() {
  const { t } = useTranslation(['manager', 'common', 'records']);
  const { message } = AntApp.useApp();
  const hall = useManager((s) => s.hall);
  if (!hall) return null;
  const save = async (values: Record<string, unknown>) => {
    const parsed = SettingsPatch.safeParse(values);
    if (!parsed.success) {
      void message.error(
        parsed.error.issues.map((i) => `${t(`setting_${String(i.path[0])}`)}: ${i.message}`).join('; '),
      );
      return;
    }
    try {
      await useManager.getState().act((api) => api.changeSettings({ body: parsed.data }));
      void message.success(t('saved'));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const shape = Settings.shape;
  return (
    <Card title={t('tabSettings')} style={{ maxWidth: 640 }}>
      <Form
        layout="vertical"
        initialValues={hall.settings}
        onFinish={(v) => void save(v as Record<string, unknown>)}
      >
        {FIELDS.map(([key, kind]) => (
          <Form.Item
            key={key}
            name={key}
            label={RECORD_SETTINGS.includes(key) ? t(`records:setting.${key}`) : t(`setting_${key}`)}
            valuePropName={kind === 'bool' ? 'checked' : 'value'}
            rules={[
              {
                validator: (_r, v: unknown) =>
                  shape[key].safeParse(v).success
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('invalid'))),
              },
            ]}
          >
            {kind === 'bool' ? (
              <Switch />
            ) : kind === 'dayCount' ? (
              <Select
                style={{ width: 160 }}
                options={(['calendar', 'working'] as const).map((v) => ({
                  value: v,
                  label: t(`dayCount_${v}`),
                }))}
              />
            ) : kind === 'time' || kind === 'text' ? (
              <Input style={{ width: 120 }} />
            ) : (
              <InputNumber
                step={kind === 'ratio' ? 0.05 : kind === 'tenths' ? 0.1 : 1}
                style={{ width: 160 }}
              />
            )}
          </Form.Item>
        ))}
        {/* R-REC-1: a retention period per record type. */}
        {RecordType.options.map((r) => (
          <Form.Item
            key={r}
            name={['retentionDays', r]}
            label={t('records:setting.retentionDays', { type: t(`records:type.${r}`) })}
            rules={[{ required: true, type: 'integer', min: 1, max: 3650, message: t('invalid') }]}
          >
            <InputNumber step={1} style={{ width: 160 }} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit">
          {t('common:save')}
        </Button>
      </Form>
    </Card>
  );
}
