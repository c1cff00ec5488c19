import { z } from 'zod';
import { EmptyBody, LoginBody, LoginReply, StaffPublic } from '../schemas.ts';
import { hallRoutes } from './access.ts';

export const Me = z.union([
  z.object({ kind: z.literal('staff'), staff: StaffPublic, counterNo: z.number().int().nullable() }),
  z.object({
    kind: z.literal('device'),
    deviceId: z.string(),
    role: z.string(),
    name: z.string(),
    counterNo: z.number().int().nullable(),
  }),
]);

export const authContract = hallRoutes({
  login: {
    method: 'POST',
    url: '/auth/login',
    summary: 'Staff sign-in with staff number and PIN; 401 wrong, 429 locked out',
    tag: 'auth',
    access: 'anyone',
    body: LoginBody,
    reply: LoginReply,
  },
  logout: {
    method: 'POST',
    url: '/auth/logout',
    summary: 'End this session (and leave the counter)',
    tag: 'auth',
    access: 'any-token',
    body: EmptyBody,
  },
  me: {
    method: 'GET',
    url: '/auth/me',
    summary: 'Who this token belongs to',
    tag: 'auth',
    access: 'any-token',
    reply: Me,
  },
});
