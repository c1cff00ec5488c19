import { useRef, useState } from 'react';
import { App as AntApp, Button, Form, Input, InputNumber, Modal, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HallApi } from '../../../shared/api/hall/index.ts';
import type { Client } from '../lib/client.ts';
import { ChecklistTable, type DueRowT } from './ChecklistTable.tsx';
import { Note } from '../lib/Note.tsx';

type Item = DueRowT['items'][number];
type Result = 'pass' | 'fail' | 'na';
interface Entry {
  result?: Result;
  value?: number | string;
  note?: string;
  photoSha256?: string;
}

/** The photo as base64, from a file or a webcam frame. */
const toBase64 = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read'));
    r.readAsDataURL(blob);
  });

/** A webcam frame as a JPEG (the browser's getUserMedia), small enough for the photo limit. */
async function webcamJpeg(): Promise<Blob> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
  try {
    const video = document.createElement('video');
    video.srcObject = stream;
    video.muted = true;
    await video.play();
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth || 640;
    canvas.height = video.videoHeight || 480;
    canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('camera'))), 'image/jpeg', 0.7),
    );
  } finally {
    for (const track of stream.getTracks()) track.stop();
  }
}

function PhotoField({
  api,
  value,
  onChange,
}: {
  api: Client<HallApi>;
  value?: string;
  onChange: (sha: string) => void;
}) {
  const { t } = useTranslation('checklists');
  const file = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = async (blob: Blob) => {
    try {
      const r = await api.uploadChecklistPhoto({ body: { dataBase64: await toBase64(blob) } });
      onChange(r.sha256);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Space direction="vertical" size={4}>
      <Space>
        <Button
          onClick={() =>
            void webcamJpeg().then(upload, (e: unknown) =>
              setError(e instanceof Error ? e.message : String(e)),
            )
          }
        >
          {t('takePhoto')}
        </Button>
        <Button onClick={() => file.current?.click()}>{t('choosePhoto')}</Button>
        <input
          ref={file}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          aria-label={t('choosePhoto')}
          style={{ display: 'none' }}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void upload(f);
          }}
        />
      </Space>
      {value ? (
        <Typography.Text type="success">{t('photoStored', { sha: value.slice(0, 12) })}</Typography.Text>
      ) : null}
      {error ? (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/**
 * Fill in one checklist: pass / fail / not applicable per item, a number with its limits (outside them
 * the item fails), a text, a photo from the webcam or a file. The reply says which items failed: each
 * opened a fault follow-up for the supervisor.
 */
export function ChecklistForm({
  api,
  row,
  onClose,
  onDone,
}: {
  api: Client<HallApi>;
  row: DueRowT;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation('checklists');
  const { message } = AntApp.useApp();
  const en = i18n.language === 'en';
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (code: string, e: Entry) => setEntries((all) => ({ ...all, [code]: { ...all[code], ...e } }));
  const label = (i: Item) => (en && i.labelEn ? i.labelEn : i.label);
  const submit = async () => {
    setBusy(true);
    try {
      const items = row.items.flatMap((i) => {
        const e = entries[i.code] ?? {};
        // Pass/fail items need a press; the others count as passed once filled in.
        const result: Result | undefined =
          e.result ??
          (i.kind !== 'pass_fail' && (e.value !== undefined || e.photoSha256) ? 'pass' : undefined);
        if (!result) return [];
        return [
          {
            code: i.code,
            result,
            ...(result !== 'na' && e.value !== undefined && e.value !== '' ? { value: e.value } : {}),
            ...(e.note ? { note: e.note } : {}),
            ...(result !== 'na' && e.photoSha256 ? { photoSha256: e.photoSha256 } : {}),
          },
        ];
      });
      const reply = await api.completeChecklist({ occurrenceId: row.occurrenceId, body: { items } });
      // Each failed item opened a fault follow-up for the supervisor: say so.
      if (reply.failed.length) void message.warning(t('failedOpened', { count: reply.failed.length }));
      else void message.success(t('submitted'));
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={760}
      title={en && row.nameEn ? row.nameEn : row.name}
      onCancel={onClose}
      okText={t('submit')}
      okButtonProps={{ loading: busy }}
      onOk={() => void submit()}
    >
      <Note type="error" message={error} />
      <Form layout="vertical">
        {row.items.map((i) => {
          const e = entries[i.code] ?? {};
          return (
            <Form.Item
              key={i.code}
              data-item={i.code}
              label={`${label(i)}${i.kind === 'number' && (i.min !== null || i.max !== null) ? ` (${i.min ?? ''}–${i.max ?? ''} ${i.unit})` : ''}`}
              required={i.required}
              style={{ marginBottom: 12 }}
            >
              <Space wrap>
                {i.kind === 'number' ? (
                  <InputNumber
                    aria-label={label(i)}
                    value={typeof e.value === 'number' ? e.value : null}
                    onChange={(v) => set(i.code, { value: v ?? undefined })}
                    addonAfter={i.unit || undefined}
                  />
                ) : null}
                {i.kind === 'text' ? (
                  <Input
                    aria-label={label(i)}
                    style={{ width: 280 }}
                    value={typeof e.value === 'string' ? e.value : ''}
                    onChange={(ev) => set(i.code, { value: ev.target.value })}
                  />
                ) : null}
                {i.kind === 'photo' ? (
                  <PhotoField
                    api={api}
                    value={e.photoSha256}
                    onChange={(sha) => set(i.code, { photoSha256: sha, result: 'pass' })}
                  />
                ) : null}
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  aria-label={t('resultFor', { label: label(i) })}
                  value={e.result}
                  onChange={(ev) => set(i.code, { result: ev.target.value as Result })}
                  options={[
                    ...(i.kind === 'pass_fail' ? [{ value: 'pass', label: t('pass') }] : []),
                    { value: 'fail', label: t('fail') },
                    { value: 'na', label: t('na') },
                  ]}
                />
                <Input
                  aria-label={t('noteFor', { label: label(i) })}
                  placeholder={t('note')}
                  style={{ width: 200 }}
                  value={e.note ?? ''}
                  onChange={(ev) => set(i.code, { note: ev.target.value })}
                />
              </Space>
            </Form.Item>
          );
        })}
      </Form>
    </Modal>
  );
}

/** The checklists' table with its fill-in form: 填写 opens the form; a submission reloads the list. */
export function FillableChecklists({
  api,
  rows,
  onChanged,
  onCountersign,
  empty,
}: {
  api: Client<HallApi>;
  rows: DueRowT[];
  onChanged: () => void;
  onCountersign?: (r: DueRowT) => void;
  empty: string;
}) {
  const [filling, setFilling] = useState<DueRowT | null>(null);
  return (
    <>
      <ChecklistTable rows={rows} onFill={setFilling} onCountersign={onCountersign} empty={empty} />
      {filling ? (
        <ChecklistForm
          api={api}
          row={filling}
          onClose={() => setFilling(null)}
          onDone={() => {
            setFilling(null);
            onChanged();
          }}
        />
      ) : null}
    </>
  );
}
