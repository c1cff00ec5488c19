import { z } from 'zod';

/**
 * What this PC is, chosen in the shell's first-run setup and kept as servicehall.json in the user-data
 * folder. The same schema checks the setup form, the file on every read, and `npm start`'s demo PCs.
 */

/**
 * The windows a PC can open; `customer` is the counter's second, customer-facing screen; `pad` the
 * counter's rating pad, opened as a window only by the demo (a hall's pad is a tablet or a keypad).
 */
export const WindowRole = z.enum(['kiosk', 'counter', 'customer', 'display', 'pad']);
export type WindowRole = z.infer<typeof WindowRole>;

export const Paper = z.enum(['80', '58']);
export type Paper = z.infer<typeof Paper>;

const Port = z.number().int().min(1024).max(65535);

/** The hall node this PC runs: the hall's one hub, or a station paired to it. */
export const NodeMode = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('hub'), port: Port.default(8360), demo: z.boolean().default(false) }),
  z.object({
    mode: z.literal('station'),
    port: Port.default(8360),
    hubUrl: z.url({ protocol: /^https?$/ }),
    /** Used on the first start only; a paired node keeps its credential and ignores it. */
    pairingCode: z.string().trim().min(4).max(16),
    /**
     * The address the station listens on. This PC only by default: its own windows need nothing else.
     * `0.0.0.0` (or one LAN address) lets a rating pad tablet on the hall LAN reach its counter's
     * station (docs/security.md "A station on the LAN").
     */
    host: z.ipv4().default('127.0.0.1'),
  }),
]);
export type NodeMode = z.infer<typeof NodeMode>;

export const ShellConfig = z
  .object({
    version: z.literal(1),
    node: NodeMode,
    roles: z.object({
      kiosk: z.boolean().default(false),
      display: z.boolean().default(false),
      /** A counter PC: the clerk's window, and the customer's window when a second screen is there. */
      counter: z
        .object({ counterNo: z.number().int().min(1).max(99), customerScreen: z.boolean().default(true) })
        .nullable()
        .default(null),
    }),
    /** The display id (`screen.getAllDisplays()[i].id`) each window asked for; missing = automatic. */
    displays: z.partialRecord(WindowRole, z.number().int()).default({}),
    printer: z
      .object({
        /** null: the system's default printer. */
        name: z.string().min(1).nullable().default(null),
        paper: Paper.default('80'),
      })
      .prefault({}),
    /** Kiosk and display windows locked full-screen in production; a technician may turn it off. */
    lockdown: z.boolean().default(true),
  })
  .refine((c) => c.roles.kiosk || c.roles.display || c.roles.counter !== null, {
    message: 'choose at least one window for this PC',
    path: ['roles'],
  })
  // DESIGN §1: the hub is the hall's one authority; a counter PC writes its own journal as a station.
  .refine((c) => c.roles.counter === null || c.node.mode === 'station', {
    message: 'a counter PC runs a station paired to the hub, never its own hub',
    path: ['node', 'mode'],
  });
export type ShellConfig = z.infer<typeof ShellConfig>;
export type ShellConfigInput = z.input<typeof ShellConfig>;

/** One display as the setup screen shows it (from Electron's `screen`). */
export interface DisplayInfo {
  id: number;
  label: string;
  primary: boolean;
  touch: boolean;
  bounds: { x: number; y: number; width: number; height: number };
}
