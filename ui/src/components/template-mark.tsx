// A template's mark in lists: its icon (or the first character of its name) on its colour.
import type { Template } from '../model';

export function TemplateMark({ appearance, name }: { appearance?: Template['appearance']; name: string }) {
  const text = appearance?.icon || [...name][0] || '·';
  return (
    <span className="template-mark" style={{ background: appearance?.color ?? '#64748b' }} aria-hidden="true" data-testid="template-mark">
      {text}
    </span>
  );
}
