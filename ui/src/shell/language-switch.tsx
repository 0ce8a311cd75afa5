import { useI18n } from '../i18n';

export function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label="Language / 语言">
      <button type="button" className={lang === 'zh-CN' ? 'active' : ''} onClick={() => setLang('zh-CN')}>
        中文
      </button>
      <button type="button" className={lang === 'en' ? 'active' : ''} onClick={() => setLang('en')}>
        English
      </button>
    </div>
  );
}
