import type { z } from 'zod';
import type { Db } from '../../db/open.ts';
import { stmt } from '../../db/projections/index.ts';
import * as read from '../../db/read.ts';
import {
  carryOver,
  handedFen,
  type BookItem,
  type HandoverItem,
  type HandoverView,
} from '../../shared/handover/model.ts';

export interface HandoverRow {
  id: string;
  device_id: string;
  counter_no: number;
  writer_id: string;
  drawer_id: string | null;
  written_at: number;
  acceptor_id: string | null;
  accepted_at: number | null;
  disagreements: number;
  opinion: string | null;
  opinion_by: string | null;
  opinion_at: number | null;
}

interface ItemRow {
  handover_id: string;
  idx: number;
  item: string;
  confirmed: number | null;
  note: string | null;
  carried_into: string | null;
}

export function handoverRow(db: Db, id: string): HandoverRow | null {
  return (stmt(db, 'SELECT * FROM handovers WHERE id = ?').get(id) as HandoverRow | undefined) ?? null;
}

export function itemsOf(db: Db, handoverId: string): HandoverItem[] {
  return (
    stmt(db, 'SELECT item FROM handover_items WHERE handover_id = ? ORDER BY idx').all(handoverId) as {
      item: string;
    }[]
  ).map((r) => JSON.parse(r.item) as HandoverItem);
}

/** The counter's last unsigned handover on this node (at most one: a new one waits for it, service.ts). */
export function waitingAt(db: Db, deviceId: string, counterNo: number): HandoverRow | null {
  return (
    (stmt(
      db,
      `SELECT * FROM handovers WHERE device_id = ? AND counter_no = ? AND accepted_at IS NULL
       ORDER BY written_at DESC LIMIT 1`,
    ).get(deviceId, counterNo) as HandoverRow | undefined) ?? null
  );
}

/** R-HAND-1: the unconfirmed items of this counter's signed handovers that no later one carried yet. */
export function carryOverAt(db: Db, deviceId: string, counterNo: number): HandoverItem[] {
  const rows = stmt(
    db,
    `SELECT i.* FROM handover_items i JOIN handovers h ON h.id = i.handover_id
     WHERE h.device_id = ? AND h.counter_no = ? AND h.accepted_at IS NOT NULL
       AND i.confirmed = 0 AND i.carried_into IS NULL AND i.resolved_at IS NULL
     ORDER BY h.written_at, i.idx`,
  ).all(deviceId, counterNo) as ItemRow[];
  const book: BookItem[] = rows.map((r) => ({
    handoverId: r.handover_id,
    index: r.idx,
    item: JSON.parse(r.item) as HandoverItem,
    confirmed: r.confirmed === 1,
    carried: r.carried_into !== null,
  }));
  return carryOver(book);
}

export function handoverView(db: Db, h: HandoverRow, readerId: string | null): z.input<typeof HandoverView> {
  const writer = read.staffById(db, h.writer_id);
  const acceptor = h.acceptor_id ? read.staffById(db, h.acceptor_id) : null;
  const ruler = h.opinion_by ? read.staffById(db, h.opinion_by) : null;
  const items = stmt(db, 'SELECT * FROM handover_items WHERE handover_id = ? ORDER BY idx').all(
    h.id,
  ) as ItemRow[];
  return {
    id: h.id,
    counterNo: h.counter_no,
    writerStaffNo: writer?.staffNo ?? '',
    writerName: writer?.name ?? '',
    writtenAt: h.written_at,
    acceptorStaffNo: acceptor?.staffNo ?? null,
    acceptorName: acceptor?.name ?? null,
    acceptedAt: h.accepted_at,
    disagreements: h.disagreements,
    mine: readerId === h.writer_id,
    items: items.map((r) => {
      const item = JSON.parse(r.item) as HandoverItem;
      return {
        ...item,
        index: r.idx,
        confirmed: r.confirmed === null ? null : r.confirmed === 1,
        note: r.note,
        handedFen: handedFen(item),
      };
    }),
    opinion:
      h.opinion === null || h.opinion_at === null
        ? null
        : { text: h.opinion, staffNo: ruler?.staffNo ?? '', name: ruler?.name ?? '', at: h.opinion_at },
  };
}

const LIMIT = 200;

/** The manager's lists (the hub holds every counter's, its stations' synced up). */
export function handoverRows(db: Db, filter: 'all' | 'unsigned' | 'disagreements'): HandoverRow[] {
  const where =
    filter === 'unsigned'
      ? 'accepted_at IS NULL'
      : filter === 'disagreements'
        ? 'disagreements > 0'
        : '1 = 1';
  return stmt(
    db,
    `SELECT * FROM handovers WHERE ${where} ORDER BY written_at DESC LIMIT ${LIMIT}`,
  ).all() as HandoverRow[];
}

export function handoverRowsOf(db: Db, staffId: string): HandoverRow[] {
  return stmt(
    db,
    `SELECT * FROM handovers WHERE writer_id = ? OR acceptor_id = ? ORDER BY written_at DESC LIMIT ${LIMIT}`,
  ).all(staffId, staffId) as HandoverRow[];
}

/**
 * R-HAND-1: unsigned past the limit, or signed with disagreements no manager has ruled on, and no alert
 * raised for it yet.
 */
export function handoversToAlert(db: Db, unsignedBefore: number) {
  const unsigned = stmt(
    db,
    `SELECT h.* FROM handovers h WHERE h.accepted_at IS NULL AND h.written_at < ?
       AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.ref = h.id AND a.kind = 'handover_unsigned')`,
  ).all(unsignedBefore) as HandoverRow[];
  const disagreed = stmt(
    db,
    `SELECT h.* FROM handovers h WHERE h.disagreements > 0 AND h.opinion_at IS NULL
       AND EXISTS (SELECT 1 FROM handover_items i WHERE i.handover_id = h.id AND i.confirmed = 0 AND i.resolved_at IS NULL)
       AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.ref = h.id AND a.kind = 'handover_disagreement')`,
  ).all() as HandoverRow[];
  return { unsigned, disagreed };
}

/** The first disagreement's note, for the alert's wording. */
export function firstDisagreement(db: Db, handoverId: string): { index: number; note: string } | null {
  const r = stmt(
    db,
    'SELECT idx, note FROM handover_items WHERE handover_id = ? AND confirmed = 0 ORDER BY idx LIMIT 1',
  ).get(handoverId) as { idx: number; note: string | null } | undefined;
  return r ? { index: r.idx, note: r.note ?? '' } : null;
}
