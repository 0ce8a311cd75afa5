// A multiple choice (an array of unique options, `items.oneOf` or `items.enum`) as a row of checkboxes;
// read-only, the chosen options' titles in the reader's language.
import { and, isControl, rankWith, schemaMatches, type ControlProps, type JsonSchema, type RankedTester } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';

interface Option {
  value: string;
  title: string;
}

function optionsOf(schema: JsonSchema): Option[] {
  const items = (schema.items ?? {}) as JsonSchema;
  if (Array.isArray(items.oneOf)) return items.oneOf.map((o) => ({ value: String(o.const), title: o.title ?? String(o.const) }));
  return (items.enum ?? []).map((v) => ({ value: String(v), title: String(v) }));
}

function ChoicesControl({ label, data, path, handleChange, enabled, visible, required, errors, schema, id }: ControlProps) {
  if (!visible) return null;
  const chosen: string[] = Array.isArray(data) ? data.map(String) : [];
  const options = optionsOf(schema);
  const toggle = (value: string, on: boolean) => {
    const next = options.map((o) => o.value).filter((v) => (v === value ? on : chosen.includes(v)));
    handleChange(path, next.length ? next : undefined);
  };
  return (
    <div className="control choices-control" role="group" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`}>
        {label}
        {required && enabled ? ' *' : ''}
      </label>
      {enabled ? (
        <div className="choices-control__options">
          {options.map((o) => (
            <label key={o.value} className="choices-control__option">
              <input type="checkbox" value={o.value} checked={chosen.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
              {o.title}
            </label>
          ))}
        </div>
      ) : (
        <div className={`ro-value${chosen.length ? '' : ' muted'}`}>{chosen.length ? options.filter((o) => chosen.includes(o.value)).map((o) => o.title).join('、') : '—'}</div>
      )}
      {errors && enabled && <div className="validation_error">{errors}</div>}
    </div>
  );
}

export const choicesControlTester: RankedTester = rankWith(
  40,
  and(
    isControl,
    schemaMatches((s) => {
      const items = s.items as JsonSchema | undefined;
      return s.type === 'array' && s.uniqueItems === true && !!items && (Array.isArray(items.oneOf) || Array.isArray(items.enum));
    }),
  ),
);

export const ChoicesControlRenderer = withJsonFormsControlProps(ChoicesControl);
