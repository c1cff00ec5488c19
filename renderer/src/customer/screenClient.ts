import { useEffect, useState } from 'react';
import { hallApi } from '../../../shared/api/hall/index.ts';
import { ApiError, createClient } from '../lib/client.ts';
import { getToken, setToken, type Surface } from '../lib/token.ts';

/**
 * A customer screen or pad is paired by the clerk at its counter (hall/ratings): it opens with
 * `?pair=CODE` (the counter's 打开客户屏) or the code is typed in; the token it gets speaks for that
 * counter on the node that served the page. The counter number is kept beside the token.
 */
export function usePairedScreen(surface: Extract<Surface, 'customer' | 'pad'>) {
  const [token, setTok] = useState<string | null>(() => getToken(surface));
  const [counterNo, setCounterNo] = useState<number | null>(() => {
    const n = Number(localStorage.getItem(`servicehall.${surface}.counter`));
    return n > 0 ? n : null;
  });
  const [error, setError] = useState<string | null>(null);
  const pair = async (code: string) => {
    setError(null);
    try {
      const reply = await createClient(hallApi).pairScreen({ body: { code: code.trim().toUpperCase() } });
      setToken(surface, reply.token);
      localStorage.setItem(`servicehall.${surface}.counter`, String(reply.counterNo));
      setTok(reply.token);
      setCounterNo(reply.counterNo);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  useEffect(() => {
    const code = new URLSearchParams(location.search).get('pair');
    if (code) {
      history.replaceState(null, '', location.pathname);
      void pair(code);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const forget = () => {
    setToken(surface, null);
    setTok(null);
  };
  const api = createClient(hallApi, { token: () => token });
  return { token, counterNo, pair, error, forget, api };
}

export type PairedScreen = ReturnType<typeof usePairedScreen>;

/** A 401 means the token was revoked or belongs to another node: pair again. */
export const unpaired = (e: unknown) => e instanceof ApiError && e.status === 401;
