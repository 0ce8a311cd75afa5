// Language, messages and template labels. 简体中文 by default; the choice is kept in localStorage.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Labels } from '../../plugin/core/types';
import zhCN from './locales/zh-CN.json';
import en from './locales/en.json';
import adminZhCN from './admin/locales/zh-CN.json';
import adminEn from './admin/locales/en.json';

export type Lang = 'zh-CN' | 'en';

const LANG_KEY = 'ow.lang';

const messages: Record<Lang, Record<string, string>> = {
  'zh-CN': { ...(adminZhCN as Record<string, string>), ...(zhCN as Record<string, string>) },
  en: { ...(adminEn as Record<string, string>), ...(en as Record<string, string>) },
};

function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: string, vars?: Record<string, string | number>) => string;
  label: (l?: Labels) => string;
}

function interpolate(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

function makeI18n(lang: Lang, setLang: (l: Lang) => void): I18n {
  const other: Lang = lang === 'en' ? 'zh-CN' : 'en';
  return {
    lang,
    setLang,
    t: (key, vars) => interpolate(messages[lang][key] ?? messages[other][key] ?? key, vars),
    label: (l) => {
      if (!l) return '';
      if (typeof (l as unknown) === 'string') return l as unknown as string;
      return l[lang] || l[other] || '';
    },
  };
}

const I18nContext = createContext<I18n>(makeI18n('zh-CN', () => {}));

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    try {
      localStorage.setItem(LANG_KEY, l);
    } catch {
      /* not persisted */
    }
    document.documentElement.lang = l;
    setLangState(l);
  }, []);
  const value = useMemo(() => makeI18n(lang, setLang), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
