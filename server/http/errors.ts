import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import {
  DomainError,
  formatError,
  langFromHeader,
  replyCode,
  storageFault,
  type ErrorCode,
} from '../../shared/errors.ts';

/** Sends `{error:{code,message}}` with the message in the request's language. */
export function sendError(
  req: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  status: number,
  params: Record<string, string | number> = {},
): FastifyReply {
  const message = formatError(code, langFromHeader(req.headers['accept-language']), params);
  return reply.code(status).send({ error: { code: replyCode(code), message } });
}

/** Maps every failure to `{error:{code,message}}` in the request's language, in one place. */
export function installErrorHandling(app: FastifyInstance): void {
  // A POST with a JSON content type and no body (a bare command such as call-next) means "no body".
  const strictJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, undefined);
    return strictJson(req, body as string, done);
  });
  app.setErrorHandler((error: FastifyError | DomainError | ZodError, req, reply) => {
    const send = (code: ErrorCode, status: number, params: Record<string, string | number> = {}) =>
      sendError(req, reply, code, status, params);
    if (error instanceof DomainError) return send(error.code, error.status, error.params);
    // A disk fault met outside the writer (a read) says so too, never a bare 500.
    const fault = storageFault(error);
    if (fault) {
      req.log.error({ err: error }, 'storage fault');
      return send(fault, 503);
    }
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return send('E_VALIDATION', 400, { detail: `${where}${issue?.message ?? 'invalid'}` });
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return send('E_BODY_TOO_LARGE', 413);
    if (
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      error instanceof SyntaxError ||
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
    ) {
      return send('E_BAD_JSON', 400);
    }
    if (status >= 400 && status < 500) return send('E_VALIDATION', status, { detail: error.message });
    req.log.error({ err: error }, 'request failed');
    return send('E_INTERNAL', 500);
  });
  app.setNotFoundHandler((req, reply) =>
    sendError(req, reply, 'E_NOT_FOUND', 404, { what: req.url.split('?')[0] ?? '' }),
  );
}
