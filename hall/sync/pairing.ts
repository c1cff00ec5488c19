import { z } from 'zod';
import { PairReply } from '../../shared/api/schemas.ts';

/** Asks a hub for a device token with a one-time code; the station keeps its own journal device id. */
export async function pairStationWithHub(
  hubUrl: string,
  code: string,
  deviceId: string,
): Promise<z.infer<typeof PairReply>> {
  const res = await fetch(`${hubUrl.replace(/\/+$/, '')}/api/v1/devices/pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceId }),
  });
  if (!res.ok) throw new Error(`pairing with the hub failed: ${(await res.text()).slice(0, 300)}`);
  return PairReply.parse(await res.json());
}

/** Asks head office for a hub token with the hall's one-time code. */
export async function pairHubWithHeadOffice(
  url: string,
  code: string,
  deviceId: string,
  hallId: string,
): Promise<{ token: string; hallId: string }> {
  const res = await fetch(`${url.replace(/\/+$/, '')}/sync/v1/pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceId, hallId }),
  });
  if (!res.ok) throw new Error(`pairing with head office failed: ${(await res.text()).slice(0, 300)}`);
  return z.object({ token: z.string(), hallId: z.string() }).parse(await res.json());
}
