export type Surface = 'kiosk' | 'counter' | 'customer' | 'pad' | 'display' | 'manager' | 'setup' | 'console';

const key = (surface: Surface) => `servicehall.token.${surface}`;

export function getToken(surface: Surface): string | null {
  return localStorage.getItem(key(surface));
}

export function setToken(surface: Surface, token: string | null): void {
  if (token) localStorage.setItem(key(surface), token);
  else localStorage.removeItem(key(surface));
}

/** A device opened as /kiosk#token=… keeps the token and drops it from the address bar. */
export function takeTokenFromHash(surface: Surface): void {
  const match = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
  if (!match?.[1]) return;
  setToken(surface, decodeURIComponent(match[1]));
  history.replaceState(null, '', location.pathname + location.search);
}
