import { z } from 'zod';

/**
 * The one line a hall node or head office started as a process prints on stdout once it listens: a
 * JSON object, so whoever started it (tests, the bench) knows it is up without reading log wording.
 * The human lines around it stay as they are.
 */
export const ReadyLine = z.object({
  ready: z.literal(true),
  role: z.enum(['hub', 'station', 'headoffice']),
  url: z.string().url(),
  pid: z.number().int(),
});
export type ReadyLine = z.infer<typeof ReadyLine>;

export function readyLine(node: Omit<ReadyLine, 'ready'>): string {
  return JSON.stringify({ ready: true, ...node } satisfies ReadyLine);
}
