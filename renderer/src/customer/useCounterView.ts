import { useEffect, useRef, useState } from 'react';
import type { LiveEvent } from '../../../shared/api/events.ts';
import type { CustomerView } from '../../../shared/customer/screen.ts';
import { connectLive, type LiveStatus } from '../lib/live.ts';
import { unpaired, type PairedScreen } from './screenClient.ts';

/** How often a screen reads its view while the live socket is down (the fallback only). */
const FALLBACK_POLL_MS = 700;

/**
 * What a counter's customer screen or pad shows (R-SCR-1), pushed by the node on the live socket
 * (`customer.view`: on connecting, on each change the clerk publishes, on each commit about the
 * counter). Only while the socket is down does the screen read it every 700 ms. `now` is the node's
 * clock carried forward by the screen's own, for the clock and the rating countdown.
 */
export function useCounterView(screen: PairedScreen) {
  const { token, counterNo } = screen;
  const [view, setView] = useState<CustomerView | null>(null);
  const [offline, setOffline] = useState(false);
  const [live, setLive] = useState<LiveStatus>('connecting');
  const received = useRef(Date.now());
  const [, setTick] = useState(0);

  const show = (v: CustomerView) => {
    received.current = Date.now();
    setView(v);
    setOffline(false);
  };
  const read = async () => {
    if (!token || counterNo === null) return;
    try {
      show(await screen.api.counterScreen({ no: counterNo }));
    } catch (e) {
      if (unpaired(e)) screen.forget();
      else setOffline(true);
    }
  };
  const readRef = useRef(read);
  readRef.current = read;

  useEffect(() => {
    if (!token || counterNo === null) return;
    return connectLive({
      token,
      onEvent: (e) => {
        const m = e as LiveEvent;
        if (m.type === 'customer.view' && m.view.counterNo === counterNo) show(m.view);
      },
      onStatus: setLive,
    });
  }, [token, counterNo]);

  // The fallback: polling only while the socket is not open.
  useEffect(() => {
    if (live === 'open' || !token) return;
    void readRef.current();
    const timer = setInterval(() => void readRef.current(), FALLBACK_POLL_MS);
    return () => clearInterval(timer);
  }, [live, token]);

  // R-EVAL-1: when the open request's time is up, one read lets the node record no_rating (and push).
  const rating = view?.rating ?? null;
  useEffect(() => {
    if (!rating || !view) return;
    const timer = setTimeout(() => void readRef.current(), Math.max(0, rating.expiresAt - view.now) + 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rating?.requestId]);

  // The clock and the countdown move every second between pushes.
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 1_000);
    return () => clearInterval(timer);
  }, []);

  const now = view ? view.now + (Date.now() - received.current) : Date.now();
  return { view, setView, offline, live, now };
}
