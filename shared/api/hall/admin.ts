import { z } from 'zod';
import { EmptyBody, HallState, Health, ServiceParams, ServiceView, SettingsBody } from '../schemas.ts';
import { Settings } from '../../settings.ts';
import { hallRoutes } from './access.ts';
import { HallDayBody } from '../../checklists/model.ts';

/** Every node answers it, hub and station alike, without a token. */
export const healthContract = hallRoutes({
  health: {
    method: 'GET',
    url: '/health',
    summary: 'Liveness, identity, problems and sync status',
    tag: 'hall',
    access: 'anyone',
    reply: Health,
  },
});

/** The hall as its manager runs it (on the hub). */
export const adminContract = hallRoutes({
  services: {
    method: 'GET',
    url: '/services',
    summary: 'Services with live waiting counts and estimated wait',
    tag: 'hall',
    access: 'any-token',
    reply: z.array(ServiceView),
  },
  hall: {
    method: 'GET',
    url: '/hall',
    summary: 'The hall live: open state, settings, services, counters, alerts, today',
    tag: 'hall',
    access: 'any-token',
    reply: HallState,
  },
  openHall: {
    method: 'POST',
    url: '/hall/open',
    summary:
      'Open the hall: the kiosk issues numbers. Refused while today’s opening checklist is not done, unless a manager overrides with a reason (R-OPEN-1; logged)',
    tag: 'hall',
    access: ['manager'],
    body: HallDayBody.optional(),
    reply: HallState,
  },
  closeHall: {
    method: 'POST',
    url: '/hall/close',
    summary:
      'Close the hall: stop issuing; waiting tickets are still served (R-HRS-2). Needs two staff signed in unless a manager overrides with a reason (R-CLOSE-1; logged)',
    tag: 'hall',
    access: ['manager'],
    body: HallDayBody.optional(),
    reply: HallState,
  },
  openService: {
    method: 'POST',
    url: '/services/:code/open',
    summary: 'Open a service for issuing',
    tag: 'hall',
    access: ['manager'],
    params: ServiceParams,
    body: EmptyBody,
    reply: HallState,
  },
  closeService: {
    method: 'POST',
    url: '/services/:code/close',
    summary: 'Close a service for issuing',
    tag: 'hall',
    access: ['manager'],
    params: ServiceParams,
    body: EmptyBody,
    reply: HallState,
  },
  changeSettings: {
    method: 'PUT',
    url: '/settings',
    summary: 'Change hall settings (queue rules, hours, limits)',
    tag: 'hall',
    access: ['manager'],
    body: SettingsBody,
    reply: Settings,
  },
});
