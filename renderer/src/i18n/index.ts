import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCommon from './zh-CN/common.json';
import zhKiosk from './zh-CN/kiosk.json';
import zhDisplay from './zh-CN/display.json';
import zhCounter from './zh-CN/counter.json';
import zhManager from './zh-CN/manager.json';
import zhSetup from './zh-CN/setup.json';
import zhConsole from './zh-CN/console.json';
import enCommon from './en/common.json';
import enKiosk from './en/kiosk.json';
import enDisplay from './en/display.json';
import enCounter from './en/counter.json';
import enManager from './en/manager.json';
import enSetup from './en/setup.json';
import enConsole from './en/console.json';

export type Lang = 'zh-CN' | 'en';
const STORAGE = 'servicehall.lang';

export const resources = {
  'zh-CN': {
    common: zhCommon,
    kiosk: zhKiosk,
    display: zhDisplay,
    counter: zhCounter,
    manager: zhManager,
    setup: zhSetup,
    console: zhConsole,
  },
  en: {
    common: enCommon,
    kiosk: enKiosk,
    display: enDisplay,
    counter: enCounter,
    manager: enManager,
    setup: enSetup,
    console: enConsole,
  },
} as const;

void i18n.use(initReactI18next).init({
  resources,
  lng: (localStorage.getItem(STORAGE) as Lang | null) ?? 'zh-CN',
  fallbackLng: 'zh-CN',
  ns: Object.keys(resources['zh-CN']),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export function setLanguage(lang: Lang): void {
  localStorage.setItem(STORAGE, lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

export default i18n;
