// A Categorization as tabs: one button per category that its rule lets show, the chosen category's elements
// below. Keyboard-usable buttons with tab roles, where the vanilla renderer draws a bare list.
import { useState } from 'react';
import { and, isVisible, rankWith, uiTypeIs, type Categorization, type Category, type LayoutProps, type RankedTester } from '@jsonforms/core';
import { JsonFormsDispatch, useJsonForms, withJsonFormsLayoutProps } from '@jsonforms/react';
import { useI18n } from '../i18n';

function TabsLayout({ uischema, schema, path, visible, enabled, renderers, cells }: LayoutProps) {
  const ctx = useJsonForms();
  const { t } = useI18n();
  const [active, setActive] = useState(0);
  if (!visible) return null;
  const ajv = ctx.core?.ajv;
  const categories = ((uischema as Categorization).elements as Category[]).filter((c) => !ajv || isVisible(c, ctx.core?.data, path, ajv, ctx.config));
  const current = categories[active] ?? categories[0];
  const at = Math.max(0, categories.indexOf(current));
  // JSON Forms' `options.variant: "stepper"`: numbered steps with back and next
  const stepper = (uischema.options as { variant?: string } | undefined)?.variant === 'stepper';
  // a document (the print view) shows every category, one after another, each under its name
  if ((ctx.config as { document?: boolean } | undefined)?.document)
    return (
      <div className="form-tabs is-document">
        {categories.map((c, i) => (
          <section key={i} className="form-tabs__panel">
            <h3 className="form-tabs__heading">{typeof c.label === 'string' ? c.label : ''}</h3>
            {(c.elements ?? []).map((child, j) => (
              <JsonFormsDispatch key={j} uischema={child} schema={schema} path={path} enabled={enabled} renderers={renderers} cells={cells} />
            ))}
          </section>
        ))}
      </div>
    );
  return (
    <div className={`form-tabs${stepper ? ' is-stepper' : ''}`}>
      <div className="form-tabs__list" role="tablist">
        {categories.map((c, i) => (
          <button key={i} type="button" role="tab" aria-selected={c === current} className={c === current ? 'is-active' : ''} onClick={() => setActive(i)}>
            {stepper && <span className="form-tabs__step">{i + 1}</span>}
            {typeof c.label === 'string' ? c.label : ''}
          </button>
        ))}
      </div>
      <div className="form-tabs__panel" role="tabpanel">
        {(current?.elements ?? []).map((child, i) => (
          <JsonFormsDispatch key={`${active}-${i}`} uischema={child} schema={schema} path={path} enabled={enabled} renderers={renderers} cells={cells} />
        ))}
      </div>
      {stepper && (
        <div className="form-tabs__nav">
          <button type="button" className="btn btn-sm" disabled={at === 0} onClick={() => setActive(at - 1)}>
            ← {t('form.stepBack')}
          </button>
          <button type="button" className="btn btn-sm" disabled={at >= categories.length - 1} onClick={() => setActive(at + 1)}>
            {t('form.stepNext')} →
          </button>
        </div>
      )}
    </div>
  );
}

export const tabsLayoutTester: RankedTester = rankWith(
  5,
  and(uiTypeIs('Categorization'), (ui) => ((ui as Categorization).elements ?? []).every((e) => e.type === 'Category')),
);

export const TabsLayoutRenderer = withJsonFormsLayoutProps(TabsLayout);
