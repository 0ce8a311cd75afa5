// A Categorization as tabs: one button per category that its rule lets show, the chosen category's elements
// below. Keyboard-usable buttons with tab roles, where the vanilla renderer draws a bare list.
import { useState } from 'react';
import { and, isVisible, rankWith, uiTypeIs, type Categorization, type Category, type LayoutProps, type RankedTester } from '@jsonforms/core';
import { JsonFormsDispatch, useJsonForms, withJsonFormsLayoutProps } from '@jsonforms/react';

function TabsLayout({ uischema, schema, path, visible, enabled, renderers, cells }: LayoutProps) {
  const ctx = useJsonForms();
  const [active, setActive] = useState(0);
  if (!visible) return null;
  const ajv = ctx.core?.ajv;
  const categories = ((uischema as Categorization).elements as Category[]).filter((c) => !ajv || isVisible(c, ctx.core?.data, path, ajv, ctx.config));
  const current = categories[active] ?? categories[0];
  return (
    <div className="form-tabs">
      <div className="form-tabs__list" role="tablist">
        {categories.map((c, i) => (
          <button key={i} type="button" role="tab" aria-selected={c === current} className={c === current ? 'is-active' : ''} onClick={() => setActive(i)}>
            {typeof c.label === 'string' ? c.label : ''}
          </button>
        ))}
      </div>
      <div className="form-tabs__panel" role="tabpanel">
        {(current?.elements ?? []).map((child, i) => (
          <JsonFormsDispatch key={`${active}-${i}`} uischema={child} schema={schema} path={path} enabled={enabled} renderers={renderers} cells={cells} />
        ))}
      </div>
    </div>
  );
}

export const tabsLayoutTester: RankedTester = rankWith(
  5,
  and(uiTypeIs('Categorization'), (ui) => ((ui as Categorization).elements ?? []).every((e) => e.type === 'Category')),
);

export const TabsLayoutRenderer = withJsonFormsLayoutProps(TabsLayout);
