import { z } from 'zod';
import type { AnyRouteSpec } from './route.ts';
import { ErrorReply } from '../../shared/api/schemas.ts';

const json = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

/** OpenAPI 3.1 generated from the same zod schemas the routes parse with. */
export interface RouteGroup {
  prefix: string;
  specs: readonly AnyRouteSpec[];
}

export function openApiDocument(
  groups: readonly RouteGroup[],
  version: string,
  title: string,
): Record<string, unknown> {
  const routes = groups.flatMap((g) => g.specs.map((spec) => ({ spec, prefix: g.prefix })));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { spec: r, prefix } of routes) {
    const path = `${prefix}${r.url}`.replace(/:(\w+)/g, '{$1}');
    type Props = { properties?: Record<string, unknown>; required?: string[] };
    const params = r.params ? (json(r.params, 'input') as Props) : null;
    const query = r.query ? (json(r.query, 'input') as Props) : null;
    const headers = r.headers ? (json(r.headers, 'input') as Props) : null;
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = {
      summary: r.summary,
      tags: [r.tag],
      security: r.access === 'anyone' ? [] : [{ bearer: [] }],
      'x-access': r.access,
      parameters: [
        ...Object.entries(params?.properties ?? {}).map(([name, schema]) => ({
          name,
          in: 'path',
          required: true,
          schema,
        })),
        ...Object.entries(query?.properties ?? {}).map(([name, schema]) => ({
          name,
          in: 'query',
          required: query?.required?.includes(name) ?? false,
          schema,
        })),
        ...Object.entries(headers?.properties ?? {}).map(([name, schema]) => ({
          name,
          in: 'header',
          required: headers?.required?.includes(name) ?? false,
          schema,
        })),
      ],
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: json(r.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(r.status ?? 200)]: {
          description: 'OK',
          ...(r.reply ? { content: { 'application/json': { schema: json(r.reply, 'output') } } } : {}),
        },
        '4XX': {
          description: 'Bad input or not allowed',
          content: { 'application/json': { schema: json(ErrorReply, 'output') } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title, version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
