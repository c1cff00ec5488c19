import { z } from 'zod';
import { LoginBody } from '../schemas.ts';
import {
  ConsoleStaff,
  DeviceDelivery,
  HallBacklog,
  HallOverview,
  HallStatus,
  HallTicket,
  HallTicketsQuery,
  NewHallReply,
  QuarantineRow,
} from '../console.ts';
import { RefChange, RefKind } from '../../sync/protocol.ts';
import { hoRoutes } from './access.ts';

const IdParams = z.object({ id: z.string().min(1).max(64) }).strict();
export const RefKeyParams = z
  .object({ kind: RefKind, key: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/) })
  .strict();
const RefVersion = z.object({ version: z.number().int() });

/** Head office's console API (under /api/v1): its staff read every hall and edit reference data. */
export const consoleContract = hoRoutes({
  login: {
    method: 'POST',
    url: '/auth/login',
    summary: 'Head-office sign-in',
    tag: 'auth',
    access: 'anyone',
    body: LoginBody.omit({ counterNo: true }),
    reply: z.object({ token: z.string(), staff: ConsoleStaff }),
  },
  createHall: {
    method: 'POST',
    url: '/halls',
    summary: 'Create a hall and its one-time pairing code',
    tag: 'halls',
    access: ['admin'],
    body: z.object({ name: z.string().trim().min(1).max(60) }).strict(),
    reply: NewHallReply,
    status: 201,
  },
  hallPairingCode: {
    method: 'POST',
    url: '/halls/:id/pairing-code',
    summary: 'A new pairing code for an existing hall',
    tag: 'halls',
    access: ['admin'],
    params: IdParams,
    reply: NewHallReply.omit({ hallId: true }),
    status: 201,
  },
  halls: {
    method: 'GET',
    url: '/halls',
    summary: 'Every hall: online, last push, device cursors, quarantined rows',
    tag: 'halls',
    access: ['admin', 'viewer'],
    reply: z.array(HallStatus),
  },
  revokeHallDevice: {
    method: 'DELETE',
    url: '/hall-devices/:id',
    summary: 'Revoke a hub; its token stops working at once',
    tag: 'halls',
    access: ['admin'],
    params: IdParams,
  },
  quarantine: {
    method: 'GET',
    url: '/quarantine',
    summary: 'Quarantined rows with their reason (never dropped)',
    tag: 'halls',
    access: ['admin', 'viewer'],
    reply: z.array(QuarantineRow),
  },
  refList: {
    method: 'GET',
    url: '/ref/:kind',
    summary: 'Reference data of one kind',
    tag: 'reference',
    access: ['admin', 'viewer'],
    params: z.object({ kind: RefKind }).strict(),
    reply: z.array(RefChange),
  },
  putRef: {
    method: 'PUT',
    url: '/ref/:kind/:key',
    summary: 'Create or change one reference item; every hall gets it on its next pull',
    tag: 'reference',
    access: ['admin'],
    params: RefKeyParams,
    body: z.record(z.string(), z.unknown()),
    reply: RefVersion,
  },
  deleteRef: {
    method: 'DELETE',
    url: '/ref/:kind/:key',
    summary: 'Remove one reference item (a tombstone reaches every hall)',
    tag: 'reference',
    access: ['admin'],
    params: RefKeyParams,
    reply: RefVersion,
  },
  backlog: {
    method: 'GET',
    url: '/halls/backlog',
    summary: 'Per hall: rows its hub had not sent yet, and the oldest one, as reported with its last push',
    tag: 'console',
    access: ['admin', 'viewer'],
    reply: z.array(HallBacklog),
  },
  delivery: {
    method: 'GET',
    url: '/halls/delivery',
    summary: 'Per device: cursor, last push, clock-skew flag, age of the newest row on arrival',
    tag: 'console',
    access: ['admin', 'viewer'],
    reply: z.array(DeviceDelivery),
  },
  overview: {
    method: 'GET',
    url: '/overview',
    summary:
      "Today per hall, in the hall's own time zone: issued, served, waiting (from the synced journals)",
    tag: 'console',
    access: ['admin', 'viewer'],
    reply: z.array(HallOverview),
  },
  hallTickets: {
    method: 'GET',
    url: '/overview/tickets',
    summary: "One hall's tickets today, each in its current state (from the synced journals)",
    tag: 'console',
    access: ['admin', 'viewer'],
    query: HallTicketsQuery,
    reply: z.array(HallTicket),
  },
});
export type ConsoleApi = typeof consoleContract;
