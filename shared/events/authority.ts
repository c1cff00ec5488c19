import type { JournalRow } from '../journal/row.ts';
import type { EventType } from './catalog.ts';

/**
 * Which node of a hall may write each event type (issue 9; DESIGN §1 and §5). The hub is the hall's
 * authority: staff, devices, hall and service state, the queue, settings. A station (a counter PC)
 * writes only its own records. Head office writes no journal rows: its reference data reaches a hall
 * by pull, which the hall journals itself as `reference.updated`.
 *
 * Every receiver checks this table before it applies a row: the hub for its stations' rows, head
 * office for every station row a hub carries. A row that breaks it is quarantined with a reason that
 * names the rule, and is never projected.
 */
export type Origin = 'hub' | 'station';

/**
 * Who may sign a row on a station (`recorded_by`):
 * - `session`: the staff member signed in at that station (its own counter.signed_in rows say who);
 * - `signin`: the staff member the row itself signs in or out;
 * - `device`: the station itself (`device:<id>`), for what it does by itself (pulls, scheduled jobs).
 */
export type StationSigner = 'session' | 'signin' | 'device';

export interface Authority {
  writers: readonly Origin[];
  /** Who may sign such a row on a station; a list: any one of them. */
  stationSigner?: StationSigner | readonly StationSigner[];
  /** A station writes it only about its own counter (`payload.counterNo`). */
  ownCounter?: true;
  /** The payload's `staffId` must be the row's signer (a record names who did it). */
  staffIsSigner?: true;
}

const HUB: Authority = { writers: ['hub'] };
/**
 * Money (issue 11) is written by the node serving the counter: a station for its own counter, signed
 * by the clerk signed in there and naming them; approvers and witnesses are named in the payload.
 */
const MONEY: Authority = {
  writers: ['hub', 'station'],
  stationSigner: 'session',
  ownCounter: true,
  staffIsSigner: true,
};

/**
 * Ratings (issue 12): the clerk's session invites; the node itself records what a screen or pad
 * pressed (a screen has no staff session), always about its own counter.
 */
const RATING_BY_CLERK: Authority = MONEY;
const RATING_BY_NODE: Authority = { writers: ['hub', 'station'], stationSigner: 'device', ownCounter: true };

/** The handover book (issue 13): written like money, at the counter, by the clerk in session there. */
const HANDOVER: Authority = MONEY;
/** A visitor registered at a counter: by the clerk signed in there, about that counter. */
const REGISTER_AT_COUNTER: Authority = MONEY;
/**
 * A checklist filled in at a node (issue 13): by the staff member in session there, naming them. Not
 * about a counter (a checklist is the hall's), so no counter rule.
 */
const CHECKLIST_AT_NODE: Authority = {
  writers: ['hub', 'station'],
  stationSigner: 'session',
  staffIsSigner: true,
};

export const AUTHORITY = {
  'hall.configured': HUB,
  'setting.changed': HUB,
  'service.defined': HUB,
  'service.opened': HUB,
  'service.closed': HUB,
  'counter.defined': HUB,
  'staff.enrolled': HUB,
  'device.paired': HUB,
  'device.revoked': HUB,
  // A station's copy of what it pulled: kept upstream as a record, projected only where it was written
  // (db/projections/reference.ts).
  'reference.updated': { writers: ['hub', 'station'], stationSigner: 'device' },
  'hall.opened': HUB,
  'hall.closed': HUB,
  'ticket.issued': HUB,
  'ticket.called': HUB,
  'ticket.recalled': HUB,
  'ticket.started': HUB,
  'ticket.finished': HUB,
  'ticket.no_show': HUB,
  'ticket.reactivated': HUB,
  'ticket.parked': HUB,
  'ticket.returned': HUB,
  'ticket.cancelled': HUB,
  'ticket.transferred': HUB,
  'walkin.served': {
    writers: ['station'],
    stationSigner: 'session',
    ownCounter: true,
    staffIsSigner: true,
  },
  // A station signs its clerks in locally (it holds the hall's PIN hashes to work offline).
  'counter.signed_in': { writers: ['hub', 'station'], stationSigner: 'signin', ownCounter: true },
  'counter.signed_out': { writers: ['hub', 'station'], stationSigner: 'signin', ownCounter: true },
  'counter.away': HUB,
  'counter.back': HUB,
  'alert.raised': HUB,
  'receipt.recorded': MONEY,
  'receipt.voided': MONEY,
  'receipt.reprinted': MONEY,
  'drawer.opened': MONEY,
  'drawer.cash_moved': MONEY,
  'drawer.counted': MONEY,
  'drawer.difference_explained': MONEY,
  'deposit.recorded': MONEY,
  'invoice.recorded': MONEY,
  'day.closed': MONEY,
  // The hall's close sums every device's: one authority, the hub, which holds all of them.
  'hall_day.closed': HUB,
  // Cases are the hall's, not a counter's: one owner across counters, and reassignment and escalation
  // need one authority, so stations forward case routes to the hub (docs/decisions.md).
  'case.opened': HUB,
  'case.acted': HUB,
  'rating.requested': RATING_BY_CLERK,
  'rating.recorded': RATING_BY_NODE,
  'rating.misuse': RATING_BY_NODE,
  'feedback.recorded': RATING_BY_CLERK,
  // The handover book (issue 13) is the counter's, like its money: the outgoing clerk writes it in their
  // session, the incoming clerk accepts it in theirs, on the node that serves the counter.
  'handover.written': HANDOVER,
  'handover.accepted': HANDOVER,
  // The duty manager's opinion on a disputed handover is the hall's escalation (R-HAND-1, R-DUTY-1):
  // written at the hub, which holds every counter's book and raises the dispute alert it clears.
  'handover.ruled': HUB,
  // A visitor is registered at whichever counter sees them; the turn-away alert is the hub's own.
  'visitor.registered': REGISTER_AT_COUNTER,
  // The tool register, meetings and training are the hall's: one list, kept by the hub (stations
  // forward these routes).
  'tool.lent': HUB,
  'tool.returned': HUB,
  'meeting.recorded': HUB,
  // R-REC-1: any node archives its own projection, pressed by a manager (session) or by its daily job
  // (the node itself, `staffId` its device signature); a receiver keeps the row but projects it only
  // where it was written (db/projections/registers.ts), so a station can never empty the hub's tables.
  'records.archived': {
    writers: ['hub', 'station'],
    stationSigner: ['session', 'device'],
    staffIsSigner: true,
  },
  'alert.acknowledged': HUB,
  // Checklists are filled in local-first on the node serving the screen (a station with its hub down
  // too), signed by the staff member in session there and naming them; two completions of one
  // occurrence converge on the first by completion time (db/projections/checklists.ts). What the manager
  // does with them (countersign, missed marks, follow-ups resolved, the hall's templates) is the hub's.
  'checklist.completed': CHECKLIST_AT_NODE,
  'checklist.amended': CHECKLIST_AT_NODE,
  'checklist.photo': CHECKLIST_AT_NODE,
  'checklist.countersigned': HUB,
  'checklist.missed': HUB,
  'checklist.followup_resolved': HUB,
  'checklist.template_set': HUB,
  'hall.overridden': HUB,
} as const satisfies Record<EventType, Authority>;

/** What a receiver knows of the station whose rows it checks. */
export interface StationFacts {
  deviceId: string;
  /** The counter the station was paired for; null: it may write nothing about a counter. */
  counterNo: number | null;
  /** Whether a staff id is one of the hall's staff; absent: the receiver does not hold the staff list. */
  staffKnown?: (staffId: string) => boolean;
  /**
   * Who is signed in at the station before its first row of this batch (its last sign-in row the
   * receiver holds); undefined: the receiver does not follow sessions (head office: the hub did).
   */
  signedIn?: string | null;
}

const rule = (text: string) => `origin rule (DESIGN §5, issue 9): ${text}`;

/** Which of the allowed signer kinds a row's signer is to be checked as: the station's own, or the first other. */
function signerKind(
  allowed: Authority['stationSigner'],
  signer: string,
  deviceId: string,
): StationSigner | undefined {
  if (allowed === undefined || typeof allowed === 'string') return allowed;
  return allowed.includes('device') && signer === `device:${deviceId}`
    ? 'device'
    : allowed.find((k) => k !== 'device');
}

/**
 * Checks a station's rows in device order; each call returns null (may apply) or the reason to
 * quarantine. It follows the station's own sign-ins across the batch, so a clerk signed in by an
 * earlier row may sign a later one.
 */
export function stationGate(facts: StationFacts): (row: JournalRow) => string | null {
  let signedIn = facts.signedIn;
  return (row) => {
    const type = row.type as EventType;
    const authority: Authority | undefined = AUTHORITY[type];
    if (authority === undefined) return rule(`${row.type} is not a known event type`);
    if (!authority.writers.includes('station'))
      return rule(`${row.type} is written only by the hub, not by station ${facts.deviceId}`);
    const payload = row.payload;
    if (authority.ownCounter && (facts.counterNo === null || payload.counterNo !== facts.counterNo))
      return rule(
        `station ${facts.deviceId} may write ${row.type} only for its own counter ${facts.counterNo ?? '(none)'}`,
      );
    const signer = row.recorded_by;
    switch (signerKind(authority.stationSigner, signer, facts.deviceId)) {
      case 'device':
        if (signer !== `device:${facts.deviceId}`)
          return rule(`${row.type} from a station is signed by the station itself, not ${signer}`);
        break;
      case 'signin': {
        const staffId = payload.staffId;
        if (typeof staffId !== 'string') return rule(`${row.type} names no staff member`);
        if (facts.staffKnown && !facts.staffKnown(staffId))
          return rule(`${staffId} is not a staff member of this hall`);
        // The clerk signing in signs the row; signing in, the station also signs out whoever held the
        // counter, so a sign-out may be signed by another of the hall's staff.
        if (row.type === 'counter.signed_in' ? signer !== staffId : facts.staffKnown?.(signer) === false)
          return rule(`${row.type} for ${staffId} is signed by ${signer}`);
        if (row.type === 'counter.signed_in') signedIn = staffId;
        else if (signedIn === staffId) signedIn = null;
        break;
      }
      case 'session':
        if (facts.staffKnown && !facts.staffKnown(signer))
          return rule(`${signer} is not a staff member of this hall`);
        if (signedIn !== undefined && signedIn !== signer)
          return rule(
            `${signer} has no session on station ${facts.deviceId} (signed in: ${signedIn ?? 'nobody'})`,
          );
        break;
      default:
        return rule(`${row.type} names no signer a station may use`);
    }
    if (authority.staffIsSigner && payload.staffId !== signer)
      return rule(`${row.type} names staff ${String(payload.staffId)} but is signed by ${signer}`);
    return null;
  };
}

/** Head office's check of the rows a hub writes in its own journal: any type the hub may write. */
export function hubGate(hubDeviceId: string): (row: JournalRow) => string | null {
  return (row) => {
    const authority: Authority | undefined = AUTHORITY[row.type as EventType];
    if (authority === undefined) return rule(`${row.type} is not a known event type`);
    return authority.writers.includes('hub')
      ? null
      : rule(`${row.type} is written only by a station, not by hub ${hubDeviceId}`);
  };
}
