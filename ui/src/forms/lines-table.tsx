// Arrays of objects (order lines) as an editable table: one row per item, one cell per field,
// errors under the cell, a line amount and a total when the form's config names quantity and price.
import { useMemo } from 'react';
import {
  createDefaultValue,
  findUISchema,
  isObjectArrayControl,
  Paths,
  rankWith,
  Resolve,
  type ArrayControlProps,
  type JsonSchema,
  type RankedTester,
} from '@jsonforms/core';
import { DispatchCell, JsonFormsDispatch, useJsonForms, withJsonFormsArrayControlProps } from '@jsonforms/react';
import type { ErrorObject } from 'ajv';
import { useI18n } from '../i18n';
import { lineAmount as exactLineAmount, sumMoney } from '../../../plugin/core/money';
import { formatMoney } from '../lib/format';
import { translateAjvError } from './translate-error';
import { readonlyText } from './readonly-control';

/** An amount too large to count to the cent shows nothing (the server refuses it at save). */
function orNothing(count: () => number): number | undefined {
  try {
    return count();
  } catch {
    return undefined;
  }
}

export interface LineAmountConfig {
  quantity: string;
  price: string;
}

function LinesTable(props: ArrayControlProps) {
  const { t, lang } = useI18n();
  const { schema, rootSchema, path, data, visible, enabled, label, addItem, removeItems, required, config } = props;
  const ctx = useJsonForms();
  const lineAmount = (config as { lineAmount?: LineAmountConfig } | undefined)?.lineAmount;
  // a document (the print view) shows each cell's value as text, not as a disabled input
  const asText = !enabled && !!(config as { document?: boolean } | undefined)?.document;
  const rows = Array.isArray(data) ? (data as Record<string, unknown>[]) : [];
  const count = typeof data === 'number' ? data : rows.length;
  const rawRows: Record<string, unknown>[] = useMemo(() => {
    const root = ctx.core?.data as Record<string, unknown> | undefined;
    const v = path.split('.').reduce<unknown>((acc, k) => (acc && typeof acc === 'object' ? (acc as Record<string, unknown>)[k] : undefined), root);
    return Array.isArray(v) ? (v as Record<string, unknown>[]) : rows;
  }, [ctx.core?.data, path, rows]);

  const itemProps = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const columns = Object.keys(itemProps).filter((k) => itemProps[k].type !== 'array' && itemProps[k].type !== 'object');
  const requiredCols = new Set(Array.isArray(schema.required) ? schema.required : []);

  const allErrors: ErrorObject[] = useMemo(() => {
    const core = ctx.core;
    if (!core) return [];
    const own = core.validationMode === 'ValidateAndHide' ? [] : core.errors ?? [];
    return [...own, ...(core.additionalErrors ?? [])];
  }, [ctx.core]);

  const base = '/' + path.split('.').join('/');
  const errorsAt = (ptr: string) =>
    allErrors
      .filter((e) => e.instancePath === ptr || (e.keyword === 'required' && e.instancePath === ptr.replace(/\/[^/]+$/, '') && (e.params as { missingProperty?: string }).missingProperty === ptr.split('/').pop()))
      .map((e) => translateAjvError(e, t));
  const ownErrors = allErrors.filter((e) => e.instancePath === base).map((e) => translateAjvError(e, t));

  if (!visible) return null;
  // `options.detail` asks for each item as a small form of its own rather than a row of cells
  if ((props.uischema.options as { detail?: unknown } | undefined)?.detail) return <DetailList {...props} />;

  const amount = (row: Record<string, unknown>) => {
    if (!lineAmount) return undefined;
    const q = Number(row?.[lineAmount.quantity]);
    const p = Number(row?.[lineAmount.price]);
    return Number.isFinite(q) && Number.isFinite(p) ? orNothing(() => exactLineAmount(q, p)) : undefined;
  };
  // as the server counts them: each line to the cent (half away from zero), then added in cents
  const total = orNothing(() => sumMoney(rawRows.map((r) => amount(r) ?? 0)));

  return (
    <div className="lines-table control" data-testid="lines-table">
      <LinesHeader {...props} />
      {ownErrors.length > 0 && <div className="validation_error">{ownErrors.join('；')}</div>}
      <div className="table-wrap">
        <table className="table table-compact">
          <thead>
            <tr>
              <th className="col-idx">#</th>
              {columns.map((c) => (
                <th key={c}>
                  {itemProps[c].title ?? c}
                  {requiredCols.has(c) && enabled && <span className="req">*</span>}
                </th>
              ))}
              {lineAmount && <th className="num">{t('form.lineAmount')}</th>}
              {enabled && <th className="col-act" />}
            </tr>
          </thead>
          <tbody>
            {count === 0 && (
              <tr>
                <td colSpan={columns.length + 3} className="muted">
                  {t('form.noLines')}
                </td>
              </tr>
            )}
            {Array.from({ length: count }, (_, index) => {
              const childPath = Paths.compose(path, String(index));
              return (
                <tr key={childPath}>
                  <td className="col-idx muted">{index + 1}</td>
                  {columns.map((c) => {
                    const errs = errorsAt(`${base}/${index}/${c}`);
                    if (asText) return <td key={c} className={itemProps[c].type === 'number' || itemProps[c].type === 'integer' ? 'num' : undefined}>{readonlyText(Resolve.schema(schema, `#/properties/${c}`, rootSchema), rawRows[index]?.[c], t, lang)}</td>;
                    return (
                      <td key={c} className={errs.length ? 'has-error' : undefined}>
                        <DispatchCell
                          schema={Resolve.schema(schema, `#/properties/${c}`, rootSchema)}
                          uischema={{ type: 'Control', scope: `#/properties/${c}` } as never}
                          path={Paths.compose(childPath, c)}
                          enabled={enabled}
                        />
                        {errs.length > 0 && <div className="validation_error">{errs.join('；')}</div>}
                      </td>
                    );
                  })}
                  {lineAmount && <td className="num">{formatMoney(amount(rawRows[index]), lang)}</td>}
                  {enabled && (
                    <td className="col-act">
                      <button type="button" className="btn btn-sm btn-ghost btn-danger-text" aria-label={t('form.removeLine')} onClick={() => removeItems?.(path, [index])()}>
                        {t('form.removeLine')}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
          {lineAmount && count > 0 && (
            <tfoot>
              <tr>
                <td colSpan={columns.length + 1} className="num strong">
                  {t('form.total')}
                </td>
                <td className="num strong">{formatMoney(total, lang)}</td>
                {enabled && <td />}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </div>
  );
}

/** The list's label and its add button, above a table or a detail list alike. */
function LinesHeader({ label, required, enabled, addItem, path, schema, rootSchema }: ArrayControlProps) {
  const { t } = useI18n();
  return (
    <div className="lines-header">
      <label className="control-label">
        {label}
        {required && enabled && <span className="req">*</span>}
      </label>
      {enabled && (
        <button type="button" className="btn btn-sm" onClick={addItem(path, createDefaultValue(schema, rootSchema))}>
          + {t('form.addLine')}
        </button>
      )}
    </div>
  );
}

/** Each item drawn with the control's detail layout (JSON Forms' `options.detail`), one card per item. */
function DetailList(props: ArrayControlProps) {
  const { schema, rootSchema, path, data, enabled, removeItems, uischema, renderers, cells } = props;
  const { t } = useI18n();
  const ctx = useJsonForms();
  const count = typeof data === 'number' ? data : Array.isArray(data) ? data.length : 0;
  const detail = findUISchema(ctx.uischemas ?? [], schema, uischema.scope, path, 'VerticalLayout', uischema as never, rootSchema);
  return (
    <div className="lines-table detail-list control" data-testid="detail-list">
      <LinesHeader {...props} />
      {count === 0 && <p className="muted">{t('form.noLines')}</p>}
      {Array.from({ length: count }, (_, index) => {
        const childPath = Paths.compose(path, String(index));
        return (
          <div key={childPath} className="detail-item">
            <div className="detail-item__head">
              <span className="muted">#{index + 1}</span>
              {enabled && (
                <button type="button" className="btn btn-sm btn-ghost btn-danger-text" onClick={() => removeItems?.(path, [index])()}>
                  {t('form.removeLine')}
                </button>
              )}
            </div>
            <JsonFormsDispatch schema={schema} uischema={detail} path={childPath} enabled={enabled} renderers={renderers} cells={cells} />
          </div>
        );
      })}
    </div>
  );
}

export const linesTableTester: RankedTester = rankWith(10, isObjectArrayControl);
export const LinesTableRenderer = withJsonFormsArrayControlProps(LinesTable);
