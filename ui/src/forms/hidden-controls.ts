// Which controls a form's JSON Forms rules hide for the data now: a hidden field is neither shown nor asked
// for, so its errors are not the person's to fix (the server drops the same `required` errors).
import { isVisible, type UISchemaElement } from '@jsonforms/core';
import type Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { scopeToPointer } from './pointers';

export function hiddenControls(uischema: UISchemaElement, data: unknown, ajv: Ajv): string[] {
  const out: string[] = [];
  const walk = (el: UISchemaElement, above: boolean): void => {
    const gone = above || !isVisible(el, data, '', ajv, undefined);
    const scope = (el as { scope?: unknown }).scope;
    if (gone && typeof scope === 'string') out.push(scopeToPointer(scope));
    const children = (el as { elements?: UISchemaElement[] }).elements;
    if (Array.isArray(children)) for (const child of children) walk(child, gone);
  };
  walk(uischema, false);
  return out;
}

/** Errors of fields the person can see: a missing property counts at its own pointer. */
export function visibleErrors(errors: ErrorObject[], hidden: string[]): ErrorObject[] {
  if (!hidden.length) return errors;
  return errors.filter((e) => {
    const missing = e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : '';
    const at = e.instancePath + missing;
    return !hidden.some((h) => at === h || at.startsWith(`${h}/`));
  });
}
