import { z } from 'zod';

/** A station's walk-ins of today as its counter shows them (recorded while the hub was unreachable). */
export const WalkinList = z.object({
  /** The hall's services as this station last received them: usable with the hub away. */
  services: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })),
  walkins: z.array(
    z.object({
      walkinId: z.string(),
      number: z.string(),
      serviceCode: z.string(),
      counterNo: z.number(),
      startedAt: z.number(),
      finishedAt: z.number(),
      note: z.string().nullable(),
      /** The hub has acknowledged the row: the walk-in is reconciled into the hall's records. */
      synced: z.boolean(),
    }),
  ),
});
export type WalkinListT = z.infer<typeof WalkinList>;
