import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** How long the calm notice shows before the screen is loaded again. */
export const RETRY_MS = 10_000;

function Fallback() {
  const { t } = useTranslation('common');
  return (
    <main className="public plain screen-fallback" role="status" aria-live="polite">
      <h1>{t('fallbackTitle')}</h1>
      <p>{t('fallbackBody')}</p>
    </main>
  );
}

/**
 * Loads the screen afresh once its node answers: a surface's store still holds the value that broke
 * it, so drawing it again in place would only fail again. While the node is unreachable a reload
 * would show the browser's own error page, so it waits and asks again.
 */
function reloadWhenReachable(retry: (again: () => void) => void): void {
  const attempt = () =>
    void fetch('/api/v1/health', { cache: 'no-store' }).then(
      () => location.reload(),
      () => retry(attempt),
    );
  retry(attempt);
}

/**
 * One bad value (a time no clock can show, a record from a newer build) must never blank a public
 * screen (issue 9). The surface is replaced by a calm, translated notice and loaded again after a
 * moment, so once the value is gone it recovers by itself, with nobody at the kiosk or display to
 * press anything. React reports the error itself to the browser console, where a technician looks.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  private timer: ReturnType<typeof setTimeout> | null = null;

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(): void {
    if (this.timer) return;
    reloadWhenReachable((again) => {
      this.timer = setTimeout(again, RETRY_MS);
    });
  }

  override componentWillUnmount(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  override render(): ReactNode {
    return this.state.failed ? <Fallback /> : this.props.children;
  }
}
