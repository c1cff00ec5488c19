import { z } from 'zod';
import * as S from '../../shared/api/schemas.ts';
import type { Api } from '../http/route.ts';
import { login, logout } from './service.ts';

export function authRoutes(api: Api): void {
  const ctx = api.ctx;
  api.add({
    method: 'POST',
    url: '/auth/login',
    summary: 'Staff sign-in with staff number and PIN; 401 wrong, 429 locked out',
    tag: 'auth',
    access: 'anyone',
    body: S.LoginBody,
    reply: S.LoginReply,
    handler: ({ body }) => login(ctx, body),
  });
  api.add({
    method: 'POST',
    url: '/auth/logout',
    summary: 'End this session (and leave the counter)',
    tag: 'auth',
    access: 'any-token',
    body: S.EmptyBody,
    handler: async ({ token, principal }) => {
      await logout(ctx, token, principal);
      return undefined;
    },
  });
  api.add({
    method: 'GET',
    url: '/auth/me',
    summary: 'Who this token belongs to',
    tag: 'auth',
    access: 'any-token',
    reply: z.unknown(),
    handler: ({ principal }) =>
      principal.kind === 'staff'
        ? {
            kind: 'staff',
            staff: {
              id: principal.staffId,
              staffNo: principal.staffNo,
              name: principal.name,
              role: principal.role,
            },
            counterNo: principal.counterNo,
          }
        : principal,
  });
}
