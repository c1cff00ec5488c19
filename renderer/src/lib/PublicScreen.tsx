import { useEffect, useRef, type ReactNode } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';
import type { LiveEvent } from '../../../shared/api/events.ts';
import type { HallStateT } from '../../../shared/api/schemas.ts';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { connectLive, type LiveStatus } from './live.ts';
import { NotPaired } from './NotPaired.tsx';
import { getToken, takeTokenFromHash } from './token.ts';

type PublicSurface = 'kiosk' | 'display';

/** What a public device's store keeps for it: its token, the hall as last read, the live status. */
interface DeviceState {
  token: string | null;
  hall: HallStateT | null;
  status: LiveStatus;
  refresh(): Promise<void>;
}

/**
 * A public device (kiosk or display) kept up to date: its token, taken from the address it was opened
 * with (`#token=…`) and kept by this browser; its store refreshed at once, after every live event
 * (`onEvent` sees the event first) and whenever the socket opens again; the live status for its banner.
 */
export function usePublicDevice<S extends DeviceState>(
  surface: PublicSurface,
  store: UseBoundStore<StoreApi<S>>,
  onEvent?: (e: LiveEvent | { type: string; at: number }) => void,
) {
  const token = store((s) => s.token);
  const hall = store((s) => s.hall);
  const status = store((s) => s.status);
  const latestOnEvent = useRef(onEvent);
  useEffect(() => {
    latestOnEvent.current = onEvent;
  });

  useEffect(() => {
    takeTokenFromHash(surface);
    store.setState((s) => ({ ...s, token: getToken(surface) }));
  }, [surface, store]);

  useEffect(() => {
    if (!token) return;
    const refresh = () =>
      void store
        .getState()
        .refresh()
        .catch(() => undefined);
    refresh();
    return connectLive({
      token,
      onEvent: (e) => {
        latestOnEvent.current?.(e);
        refresh();
      },
      onStatus: (status) => {
        store.setState((s) => ({ ...s, status }));
        if (status === 'open') refresh();
      },
    });
  }, [store, token]);

  return { token, hall, status };
}

/**
 * A public device's page: the not-paired notice until it has a token, then its content under the
 * banner that says when the node is unreachable.
 */
export function PublicScreen(props: {
  surface: PublicSurface;
  device: { token: string | null; status: LiveStatus };
  onClick?: () => void;
  children: ReactNode;
}) {
  if (!props.device.token) return <NotPaired surface={props.surface} />;
  return (
    <main className={`public ${props.surface}`} onClick={props.onClick}>
      <ConnectionBanner status={props.device.status} />
      {props.children}
    </main>
  );
}
