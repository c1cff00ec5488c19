import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import './i18n/index.ts';
import './styles/public.css';
import { ErrorBoundary } from './lib/ErrorBoundary.tsx';
import { ShellOverlay } from './shell/ShellOverlay.tsx';

/** The hall node's surfaces, listed on its index page. */
const SURFACES = {
  '/kiosk': lazy(() => import('./kiosk/KioskApp.tsx')),
  '/display': lazy(() => import('./display/DisplayApp.tsx')),
  '/counter': lazy(() => import('./counter/CounterApp.tsx')),
  '/customer': lazy(() => import('./customer/CustomerApp.tsx')),
  '/pad': lazy(() => import('./pad/PadApp.tsx')),
  '/manager': lazy(() => import('./manager/ManagerApp.tsx')),
  '/setup': lazy(() => import('./setup/SetupApp.tsx')),
} as const;

/**
 * Head office serves the console; a hall node does not, so the index does not offer it. Nor does it
 * offer /print, the page a receipt or a Z-report prints from (opened by the counter and the manager).
 */
const ROUTES = {
  ...SURFACES,
  '/console': lazy(() => import('./console/ConsoleApp.tsx')),
  '/print': lazy(() => import('./print/PrintApp.tsx')),
  // The Electron shell's own pages (servicehall://app): this PC's setup and its node's start-up.
  '/shell-setup': lazy(() => import('./shell/ShellSetupApp.tsx')),
  '/shell-status': lazy(() => import('./shell/ShellStatusApp.tsx')),
} as const;

function NotFound() {
  const { t } = useTranslation('common');
  return (
    <main className="public plain">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFound', { path: location.pathname })}</p>
      <p>
        <a href="/">{t('surfaces')}</a>
      </p>
    </main>
  );
}

function Index() {
  const { t } = useTranslation('common');
  return (
    <main className="public plain">
      <h1>{t('appName')}</h1>
      <h2>{t('surfaces')}</h2>
      <ul className="surface-list">
        {Object.keys(SURFACES).map((path) => (
          <li key={path}>
            <a href={path}>{path}</a>
          </li>
        ))}
      </ul>
    </main>
  );
}

const path = location.pathname.replace(/\/+$/, '') || '/';
const Surface = path in ROUTES ? ROUTES[path as keyof typeof ROUTES] : path === '/' ? Index : NotFound;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <Suspense fallback={null}>
        <Surface />
      </Suspense>
      {window.servicehall && path !== '/print' ? <ShellOverlay /> : null}
    </ErrorBoundary>
  </StrictMode>,
);
