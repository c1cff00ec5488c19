import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCommon from './zh-CN/common.json';
import zhKiosk from './zh-CN/kiosk.json';
import zhDisplay from './zh-CN/display.json';
import zhCounter from './zh-CN/counter.json';
import zhManager from './zh-CN/manager.json';
import zhSetup from './zh-CN/setup.json';
import zhConsole from './zh-CN/console.json';
import zhMoney from './zh-CN/money.json';
import zhShell from './zh-CN/shell.json';
import zhCases from './zh-CN/cases.json';
import zhCustomer from './zh-CN/customer.json';
import zhRecords from './zh-CN/records.json';
import zhChecklists from './zh-CN/checklists.json';
import enCommon from './en/common.json';
import enKiosk from './en/kiosk.json';
import enDisplay from './en/display.json';
import enCounter from './en/counter.json';
import enManager from './en/manager.json';
import enSetup from './en/setup.json';
import enConsole from './en/console.json';
import enMoney from './en/money.json';
import enShell from './en/shell.json';
import enCases from './en/cases.json';
import enCustomer from './en/customer.json';
import enRecords from './en/records.json';
import enChecklists from './en/checklists.json';

export type Lang = 'zh-CN' | 'en';
const STORAGE = 'servicehall.lang';
export const DEFAULT_LANG: Lang = 'zh-CN';

/**
 * Public screens serve one customer after another: a language chosen by one customer is never kept
 * for the next (not across a reload either). Staff screens remember the clerk's choice.
 */
const PUBLIC_SURFACES = ['/kiosk', '/display', '/customer', '/pad'];
const isPublicSurface = () => PUBLIC_SURFACES.some((p) => location.pathname.startsWith(p));

export const resources = {
  'zh-CN': {
    common: zhCommon,
    kiosk: zhKiosk,
    display: zhDisplay,
    counter: zhCounter,
    manager: zhManager,
    setup: zhSetup,
    console: zhConsole,
    money: zhMoney,
    shell: zhShell,
    cases: zhCases,
    customer: zhCustomer,
    records: zhRecords,
    checklists: zhChecklists,
  },
  en: {
    common: enCommon,
    kiosk: enKiosk,
    display: enDisplay,
    counter: enCounter,
    manager: enManager,
    setup: enSetup,
    console: enConsole,
    money: enMoney,
    shell: enShell,
    cases: enCases,
    customer: enCustomer,
    records: enRecords,
    checklists: enChecklists,
  },
} as const;

void i18n.use(initReactI18next).init({
  resources,
  lng: isPublicSurface() ? DEFAULT_LANG : ((localStorage.getItem(STORAGE) as Lang | null) ?? DEFAULT_LANG),
  fallbackLng: DEFAULT_LANG,
  ns: Object.keys(resources['zh-CN']),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export function setLanguage(lang: Lang): void {
  if (!isPublicSurface()) localStorage.setItem(STORAGE, lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

/** A public screen back at idle: the next customer starts in the default language. */
export function resetLanguage(): void {
  if (i18n.language !== DEFAULT_LANG) setLanguage(DEFAULT_LANG);
}

export default i18n;
