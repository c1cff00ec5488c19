import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/index.ts';

/** A public screen's 中文 / English switch (it returns to zh-CN by itself when the screen is idle). */
export function LanguageButton() {
  const { t, i18n } = useTranslation('common');
  return (
    <button
      type="button"
      className="lang-button"
      onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
    >
      {t('language')}
    </button>
  );
}
