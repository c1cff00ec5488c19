import { useState, type ReactNode } from 'react';
import { Button, Empty } from 'antd';
import { RawRowDrawer } from './RawRowDrawer.tsx';
import { ListTable } from './ListTable.tsx';

/** A refused journal row as any receiver keeps it (DESIGN §4 quarantine). */
interface RefusedRow {
  deviceId: string;
  deviceSeq: number;
  raw: string;
}

/** One fact about a refused row: a column of the table and a line of the drawer (`full` there, if given). */
export interface RowFact<R> {
  label: string;
  cell: (r: R) => ReactNode;
  full?: (r: R) => ReactNode;
}

/**
 * Rows a receiver refused, one fact per column, each row's raw text a click away in a drawer with the
 * same facts. Head office's console and the hub's manager screen show their quarantines with it.
 */
export function QuarantineTable<R extends RefusedRow>(props: {
  rows: R[];
  facts: RowFact<R>[];
  /** The raw column's heading and its button, the sequence number's label, the empty table's note. */
  labels: { raw: string; view: string; seq: string; empty: string };
  pageSize: number;
}) {
  const { raw, view, seq, empty } = props.labels;
  const [open, setOpen] = useState<R | null>(null);
  return (
    <>
      <ListTable<R>
        size="middle"
        rowKey={(r) => `${r.deviceId}#${r.deviceSeq}`}
        dataSource={props.rows}
        pageSize={props.pageSize}
        empty={<Empty description={empty} />}
        columns={[
          ...props.facts.map((f) => ({ title: f.label, render: (_v: unknown, r: R) => f.cell(r) })),
          {
            title: raw,
            render: (_v: unknown, r: R) => <Button onClick={() => setOpen(r)}>{view}</Button>,
          },
        ]}
      />
      <RawRowDrawer
        title={open ? `${raw} · ${seq} ${open.deviceSeq}` : ''}
        raw={open?.raw ?? null}
        onClose={() => setOpen(null)}
        details={open ? props.facts.map((f) => [f.label, (f.full ?? f.cell)(open)] as const) : null}
      />
    </>
  );
}
