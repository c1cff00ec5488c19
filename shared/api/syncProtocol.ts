import {
  PullQuery,
  PullReply,
  PushBody,
  PushReply,
  PUSH_BODY_LIMIT,
  SyncProtocolHeader,
} from '../sync/protocol.ts';

/**
 * Push and pull as every receiver serves them (DESIGN §4: the same protocol station → hub and hub →
 * head office); each receiver says who may call them.
 */
export const pushAndPull = <const Who extends string>(senders: readonly Who[], sender: string) =>
  ({
    push: {
      method: 'POST',
      url: '/push',
      summary: `${sender} pushes one batch of one device’s journal rows (409 with ackedSeq on a gap)`,
      tag: 'sync',
      access: senders,
      headers: SyncProtocolHeader,
      body: PushBody,
      reply: PushReply,
      // A full protocol batch, the same at the hub and head office: what a sender builds fits both.
      bodyLimit: PUSH_BODY_LIMIT,
    },
    pull: {
      method: 'GET',
      url: '/pull',
      summary: `${sender} pulls reference data changed after \`since\` (reset: replace everything)`,
      tag: 'sync',
      access: senders,
      headers: SyncProtocolHeader,
      query: PullQuery,
      reply: PullReply,
    },
  }) as const;
