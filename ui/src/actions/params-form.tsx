// An action's own params (an amount, a date…) as a small JSON Forms form; labels from the locale files
// ("param.<name>"), else the schema title, else the name.
import { useMemo, useRef, useState } from 'react';
import { JsonForms } from '@jsonforms/react';
import { vanillaCells, vanillaRenderers } from '@jsonforms/vanilla-renderers';
import type { JsonSchema, UISchemaElement } from '@jsonforms/core';
import type { ErrorObject } from 'ajv';
import { useI18n } from '../i18n';
import type { JsonObject } from '../model';
import { formAjv } from '../forms/form-ajv';
import { pickBilingual } from '../forms/prepare-form';
import { translateAjvError } from '../forms/translate-error';

export function ParamsForm({ schema: given, onChange }: { schema: JsonObject; onChange: (value: JsonObject, errors: number) => void }) {
  const { t, lang } = useI18n();
  // a new schema object makes JSON Forms start over with empty data: keep one per content
  const key = JSON.stringify(given);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const schema = useMemo(() => given, [key]);
  const [initial] = useState<JsonObject>({});
  const report = useRef(onChange);
  report.current = onChange;
  const uischema = useMemo(() => {
    const props = (schema.properties ?? {}) as Record<string, JsonObject>;
    return {
      type: 'VerticalLayout',
      elements: Object.keys(props).map((k) => {
        const key = `param.${k}`;
        const known = t(key);
        const title = typeof props[k].title === 'string' ? pickBilingual(props[k].title as string, lang) : k;
        return { type: 'Control', scope: `#/properties/${k}`, label: known !== key ? known : title };
      }),
    } as unknown as UISchemaElement;
  }, [schema, t, lang]);
  const i18n = useMemo(() => ({ locale: lang, translateError: (e: ErrorObject) => translateAjvError(e, t) }), [lang, t]);
  return (
    <div className="record-form params-form" data-testid="params-form">
      <JsonForms
        schema={schema as JsonSchema}
        uischema={uischema}
        data={initial}
        renderers={vanillaRenderers}
        cells={vanillaCells}
        ajv={formAjv}
        i18n={i18n}
        validationMode="ValidateAndShow"
        onChange={({ data, errors }) => report.current((data ?? {}) as JsonObject, errors?.length ?? 0)}
      />
    </div>
  );
}
