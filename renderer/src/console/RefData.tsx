import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Card, Empty, Popconfirm, Space, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RefChange, RefKind } from '../../../shared/sync/protocol.ts';
import { formatMoneyFen } from '../lib/format.ts';
import { useCanEdit, useConsole } from './store.ts';
import { RefEditor } from './RefEditor.tsx';
import { ListTable } from '../lib/ListTable.tsx';

/** The kinds the console edits, in the order a head-office admin needs them. */
const KINDS: RefKind[] = ['service', 'fee', 'staff', 'setting', 'checklist', 'counter'];

/** Reference data of every kind: edits reach every hall on its next pull (DESIGN §4). */
export function RefData() {
  const { t } = useTranslation('console');
  const canEdit = useCanEdit();
  const [kind, setKind] = useState<RefKind>('service');
  useEffect(() => {
    void useConsole
      .getState()
      .loadRef(kind)
      .catch(() => undefined);
    // A counter's services are chosen from the service codes.
    if (kind === 'counter')
      void useConsole
        .getState()
        .loadRef('service')
        .catch(() => undefined);
  }, [kind]);
  return (
    <Card title={t('refTitle')}>
      {canEdit ? <Alert type="info" showIcon message={t('refHelp')} style={{ marginBottom: 8 }} /> : null}
      <Tabs
        activeKey={kind}
        onChange={(k) => setKind(k as RefKind)}
        items={KINDS.map((k) => ({ key: k, label: t(`kind_${k}`), children: <RefTable kind={k} /> }))}
      />
    </Card>
  );
}

function RefTable({ kind }: { kind: RefKind }) {
  const { t } = useTranslation('console');
  const { message } = AntApp.useApp();
  const rows = useConsole((s) => s.ref[kind]) ?? [];
  const [editing, setEditing] = useState<RefChange | 'new' | null>(null);
  const canEdit = useCanEdit();
  const remove = async (key: string) => {
    try {
      const { version } = await useConsole.getState().api.deleteRef({ kind, key });
      void message.success(t('deleted', { version }));
      await useConsole.getState().loadRef(kind);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      {canEdit ? (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('add')}
          </Button>
        </Space>
      ) : null}
      <ListTable<RefChange>
        size="middle"
        rowKey="key"
        dataSource={rows}
        pageSize={20}
        empty={<Empty description={t('noRef')} />}
        columns={[
          {
            title: t(`key_${kind}`),
            dataIndex: 'key',
            render: (key: string) =>
              kind === 'setting' ? `${t(`setting_${key}`, { defaultValue: key })} (${key})` : key,
          },
          { title: t(kind === 'setting' ? 'f_value' : 'f_name'), render: (_v, r) => summary(kind, r, t) },
          { title: t('version'), dataIndex: 'version', align: 'right' as const },
          ...(canEdit
            ? [
                {
                  title: t('actions'),
                  render: (_v: unknown, r: RefChange) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(r)}>
                        {t('edit')}
                      </Button>
                      <Popconfirm title={t('deleteConfirm')} onConfirm={() => void remove(r.key)}>
                        <Button size="small" danger>
                          {t('delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? (
        <RefEditor
          kind={kind}
          item={editing === 'new' ? null : editing}
          serviceCodes={(useConsole.getState().ref.service ?? []).map((s) => s.key)}
          onClose={() => setEditing(null)}
          onSaved={(version) => {
            setEditing(null);
            void message.success(t('saved', { version }));
            void useConsole
              .getState()
              .loadRef(kind)
              .catch(() => undefined);
          }}
        />
      ) : null}
    </>
  );
}

function summary(kind: RefKind, r: RefChange, t: (k: string) => string): ReactNode {
  const d = r.data ?? {};
  switch (kind) {
    case 'service':
      return (
        <Space>
          <Tag>{String(d.prefix)}</Tag>
          {String(d.name)} / {String(d.nameEn)}
        </Space>
      );
    case 'fee':
      return `${String(d.name)} · ${formatMoneyFen(Number(d.amountFen))} / ${String(d.unit)}`;
    case 'staff':
      return `${String(d.name)} · ${t(`role_${String(d.role)}`)}`;
    case 'setting':
      return JSON.stringify(d.value);
    case 'checklist':
      return `${String(d.name)} (${Array.isArray(d.items) ? d.items.length : 0})`;
    default:
      return String(d.name ?? '');
  }
}
