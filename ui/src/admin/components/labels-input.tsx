// A text in both languages: 简体中文 first, then English.
import type { Labels } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';

interface Props {
  value?: Labels;
  onChange: (next: Labels) => void;
  /** Prefix of the inputs' names, for forms and tests. */
  name?: string;
  multiline?: boolean;
}

export function LabelsInput({ value, onChange, name, multiline }: Props) {
  const { t } = useI18n();
  const v: Labels = { 'zh-CN': value?.['zh-CN'] ?? '', en: value?.en ?? '' };
  const field = (lang: keyof Labels) => {
    const props = {
      name: name ? `${name}.${lang}` : undefined,
      value: v[lang],
      lang,
      'aria-label': t(lang === 'en' ? 'admin.common.langEn' : 'admin.common.langZh'),
      onChange: (e: { target: { value: string } }) => onChange({ ...v, [lang]: e.target.value }),
    };
    return (
      <label className="adm-labels__item">
        <span className="adm-labels__lang">{lang === 'en' ? 'EN' : '中'}</span>
        {multiline ? <textarea rows={2} {...props} /> : <input type="text" {...props} />}
      </label>
    );
  };
  return (
    <div className="adm-labels">
      {field('zh-CN')}
      {field('en')}
    </div>
  );
}
