import { createHash } from 'node:crypto';
import { z } from 'zod';
import { hallChecklistsContract, nodeChecklistsContract } from '../../shared/api/hall/checklists.ts';
import { mergeDue } from '../../shared/checklists/converge.ts';
import { imageMime } from '../../shared/checklists/items.ts';
import { DueView, PHOTO_MAX_BYTES, type HistoryRow } from '../../shared/checklists/model.ts';
import { csvCell } from '../../shared/cases/report.ts';
import { DomainError } from '../../shared/errors.ts';
import { localStamp, startOfDay } from '../../shared/time/businessDay.ts';
import * as read from '../../db/read.ts';
import { countersign } from '../auth/service.ts';
import { isManager, type HallContext, type Principal } from '../context.ts';
import { command } from '../http/command.ts';
import type { Api } from '../http/route.ts';
import { askHub } from '../station/forward.ts';
import { invoke } from '../writer/invoke.ts';
import { dueView, followups, history, recordOf, templates } from './queries.ts';
import type { Doer } from './service.ts';

const MANAGERS = ['manager', 'admin'] as const;

/** Checklists are filled in and signed by staff: a device has none of its own. */
function doer(p: Principal): Doer {
  if (p.kind !== 'staff') throw new DomainError('E_FORBIDDEN');
  return { staffId: p.staffId, role: p.role };
}

/** The history as CSV (UTF-8 with a BOM, formula-safe cells like the cases report). */
export function historyCsv(rows: readonly HistoryRow[], stamp: (at: number) => string): string {
  const lines = [
    [
      'day',
      'template',
      'status',
      'completed_at',
      'staff_no',
      'countersigned_by',
      'item',
      'result',
      'value',
      'note',
      'amended',
      'duplicate',
    ],
    ...rows.map((r) => [
      r.day,
      r.templateCode,
      r.status,
      r.completedAt === null ? '' : stamp(r.completedAt),
      r.staffNo,
      r.countersignedBy ?? '',
      r.itemCode ?? '',
      r.result ?? '',
      r.value === null ? '' : String(r.value),
      r.note ?? '',
      r.amended,
      r.duplicate,
    ]),
  ];
  return `\ufeff${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** A station asks its hub for at most this long before it shows what it knows itself. */
const HUB_ASK_MS = 3_000;

/**
 * The hub's due view for this station's staff member (every node's completions it holds), or null when
 * the hub is not paired, does not answer in time or refuses: the station then shows its own view.
 */
async function hubDue(ctx: HallContext, p: Principal, scope: 'mine' | 'all' | undefined) {
  if (ctx.role !== 'station' || p.kind !== 'staff') return null;
  try {
    const res = await askHub(
      ctx,
      { staffNo: p.staffNo, counterNo: p.counterNo },
      { method: 'GET', url: `/api/v1/checklists/due${scope ? `?scope=${scope}` : ''}` },
      HUB_ASK_MS,
    );
    if (res.status !== 200) return null;
    const parsed = z.array(DueView).safeParse(JSON.parse(res.body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * On a station holding no completion of the occurrence: the hub's row for it when the hub holds one
 * (done at another node), else null. A completion this node holds (a retried request included) is the
 * writer's to judge, so the hub is not asked then.
 */
async function doneElsewhere(ctx: HallContext, p: Principal, occurrenceId: string) {
  if (ctx.role !== 'station' || recordOf(ctx.db, occurrenceId)) return null;
  const there = (await hubDue(ctx, p, undefined))?.find((d) => d.occurrenceId === occurrenceId);
  return there?.completedAt != null ? there : null;
}

/**
 * Checklists filled in at this node (a station, or the hub for the counters it serves): the due view,
 * completions, amendments and photos, written to this node's journal and synced up (DESIGN §4).
 */
export function nodeChecklistRoutes(api: Api): void {
  const ctx = api.ctx;
  api.implement(nodeChecklistsContract, {
    checklistsDue: async ({ principal, query }) => {
      const who = doer(principal);
      if (query.scope === 'all' && !isManager(principal)) throw new DomainError('E_FORBIDDEN');
      const local = dueView(ctx.db, ctx.clock.now(), query.scope === 'all' ? null : who.role);
      return mergeDue(local, await hubDue(ctx, principal, query.scope));
    },
    completeChecklist: command(async ({ principal, params, body }) => {
      const who = doer(principal);
      // Done at another node the hub already holds: refused as a second completion would be here.
      if (await doneElsewhere(ctx, principal, params.occurrenceId)) throw new DomainError('E_CHECKLIST_DONE');
      return invoke('completeChecklist', who, params.occurrenceId, body);
    }),
    amendChecklist: command(async ({ principal, params, body }) => {
      const who = doer(principal);
      // A station amends the completions it holds; one done at another node is amended there or at the hub.
      const there = await doneElsewhere(ctx, principal, params.occurrenceId);
      if (there) throw new DomainError('E_CHECKLIST_ELSEWHERE', { staffNo: there.completedBy ?? '' });
      return invoke('amendChecklist', who, params.occurrenceId, body);
    }),
    uploadChecklistPhoto: async ({ principal, body }) => {
      const who = doer(principal);
      const data = Buffer.from(body.dataBase64, 'base64');
      if (data.length > PHOTO_MAX_BYTES)
        throw new DomainError('E_PHOTO_TOO_LARGE', { max: PHOTO_MAX_BYTES / 1024 });
      const mime = imageMime(data);
      if (!mime) throw new DomainError('E_NOT_AN_IMAGE');
      const sha256 = createHash('sha256').update(data).digest('hex');
      const { value } = await ctx.commits.run('storePhoto', who.staffId, {
        sha256,
        mime,
        dataBase64: data.toString('base64'),
        bytes: data.length,
      });
      return value;
    },
  });
}

/**
 * The manager's side, on the hub (it holds every node's records once synced): countersigning, fault
 * follow-ups, history and its export, the hall's templates.
 */
export function hallChecklistRoutes(api: Api): void {
  const ctx = api.ctx;
  const today = () => startOfDay(ctx.clock.now(), read.settings(ctx.db).timeZone);
  api.implement(hallChecklistsContract, {
    countersignChecklist: async ({ principal, params, body }) => {
      doer(principal);
      const manager = await countersign(ctx, body.approver, MANAGERS);
      const { value } = await ctx.commits.run('countersignChecklist', manager.id, params.occurrenceId);
      if (!value) throw new DomainError('E_UNKNOWN_CHECKLIST', { id: params.occurrenceId });
      return value;
    },
    checklistFollowups: ({ principal }) => {
      doer(principal);
      return followups(ctx.db, today());
    },
    resolveFollowup: command(({ principal, params, body }) =>
      invoke('resolveFollowup', doer(principal).staffId, params.id, body.note),
    ),
    checklistHistory: ({ query }) => history(ctx.db, query),
    checklistHistoryCsv: ({ query, reply }) => {
      const tz = read.settings(ctx.db).timeZone;
      const csv = historyCsv(history(ctx.db, query), (at) => localStamp(at, tz));
      const name = query.template ? `checklists-${query.template}.csv` : 'checklists.csv';
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(csv);
    },
    checklistTemplates: () => templates(ctx.db),
    putChecklistTemplate: command(({ principal, params, body }) => {
      if (!/^[a-z0-9][a-z0-9_-]{0,31}$/.test(params.code))
        throw new DomainError('E_VALIDATION', { detail: 'code: a-z, 0-9, _ or -' });
      return invoke('setHallTemplate', doer(principal).staffId, params.code, body);
    }),
  });
}
