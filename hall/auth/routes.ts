import { authContract } from '../../shared/api/hall/auth.ts';
import type { Api } from '../http/route.ts';
import { login, logout } from './service.ts';

export function authRoutes(api: Api): void {
  const ctx = api.ctx;
  api.implement(authContract, {
    login: ({ body }) => login(ctx, body),
    logout: async ({ token, principal }) => {
      await logout(ctx, token, principal);
    },
    me: ({ principal }) =>
      principal.kind === 'staff'
        ? {
            kind: 'staff' as const,
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
