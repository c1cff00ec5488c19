import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { stmt } from '../../db/projections/index.ts';
import { ARCHIVABLE } from '../../db/projections/registers.ts';
import * as read from '../../db/read.ts';
import { RecordType, retentionCutoff } from '../../shared/registers/model.ts';
import { maskPhone } from '../../shared/cases/model.ts';
import { recordedByDevice, type HallContext } from '../context.ts';
import type { WrittenArchive } from './service.ts';

type Row = Record<string, unknown>;

/** Each record as the archive keeps it: a handover with its items, a visitor's phone masked (DESIGN §2). */
function exported(ctx: HallContext, recordType: RecordType, row: Row): Row {
  if (recordType === 'visitors') return { ...row, phone: maskPhone(row.phone as string | null) };
  if (recordType === 'handovers')
    return {
      ...row,
      items: stmt(ctx.db, 'SELECT * FROM handover_items WHERE handover_id = ? ORDER BY idx').all(row.id),
    };
  return row;
}

/**
 * R-REC-1: writes the records of one type past their retention to a JSON-lines file in the node's
 * data directory (a header line, then one record a line), flushed to disk before its SHA-256 is taken;
 * only then does the writer record the archive, which removes them from this node's tables.
 */
export function writeArchive(ctx: HallContext, recordType: RecordType): WrittenArchive {
  const now = ctx.clock.now();
  const before = retentionCutoff(now, read.settings(ctx.db).retentionDays[recordType]);
  const { table, where } = ARCHIVABLE[recordType];
  const rows = stmt(ctx.db, `SELECT * FROM ${table} WHERE ${where} ORDER BY rowid`).all({ before }) as Row[];
  const archiveId = ctx.ids.next();
  const file = path.posix.join(
    'archive',
    `${recordType}-${new Date(before).toISOString().slice(0, 10)}-${archiveId}.jsonl`,
  );
  const lines = [
    JSON.stringify({
      archive: archiveId,
      recordType,
      before,
      count: rows.length,
      hallId: ctx.hallId,
      deviceId: ctx.deviceId,
      writtenAt: now,
    }),
    ...rows.map((r) => JSON.stringify(exported(ctx, recordType, r))),
  ];
  const text = `${lines.join('\n')}\n`;
  const full = path.join(ctx.dataDir, file);
  mkdirSync(path.dirname(full), { recursive: true });
  const fd = openSync(full, 'wx');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return {
    archiveId,
    recordType,
    before,
    count: rows.length,
    file,
    sha256: createHash('sha256').update(text).digest('hex'),
  };
}

/** How many records of a type the node holds from before `before` that may be archived. */
function archivable(ctx: HallContext, recordType: RecordType, before: number): number {
  const { table, where } = ARCHIVABLE[recordType];
  return (stmt(ctx.db, `SELECT count(*) AS n FROM ${table} WHERE ${where}`).get({ before }) as { n: number })
    .n;
}

/**
 * R-REC-1 without anyone pressing: every record type with records past its retention is archived
 * exactly as the manager's button does it (file written and flushed first, then the journal), signed
 * by the node itself. A type whose file cannot be written keeps its records; the others go on, and the
 * job fails afterwards so /health says so (E_JOB) until a run succeeds.
 */
export async function retainOnSchedule(ctx: HallContext): Promise<number> {
  const days = read.settings(ctx.db).retentionDays;
  const failed: string[] = [];
  let archived = 0;
  for (const recordType of RecordType.options) {
    if (archivable(ctx, recordType, retentionCutoff(ctx.clock.now(), days[recordType])) === 0) continue;
    try {
      const archive = writeArchive(ctx, recordType);
      await ctx.commits.run('archiveRecords', recordedByDevice(ctx.deviceId), archive);
      archived += archive.count;
    } catch (error) {
      failed.push(`${recordType}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failed.length > 0) throw new Error(`retention: ${failed.join('; ')}`);
  return archived;
}
