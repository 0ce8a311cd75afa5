// A template's form, rendered with JSON Forms (vanilla renderers) for one reader:
// their language, the fields they may see, read-only where they may not write.
import { useMemo } from 'react';
import { JsonForms } from '@jsonforms/react';
import { vanillaCells, vanillaRenderers } from '@jsonforms/vanilla-renderers';
import type { JsonSchema, Translator, UISchemaElement } from '@jsonforms/core';
import type { ErrorObject } from 'ajv';
import { useI18n } from '../i18n';
import { formAjv } from './form-ajv';
import type { JsonObject, Template } from '../model';
import { LinesTableRenderer, linesTableTester } from './lines-table';
import { ChoicesControlRenderer, choicesControlTester } from './choices-control';
import { TabsLayoutRenderer, tabsLayoutTester } from './tabs-layout';
import { ObjectControlRenderer, objectControlTester } from './object-control';
import { IntegerCellRenderer, integerCellTester } from './integer-cell';
import { temporalCells } from './temporal-cells';
import { hiddenControls, visibleErrors } from './hidden-controls';
import { hiddenFields, localizeSchema, prepareUischema, writeProtected } from './prepare-form';
import { translateAjvError } from './translate-error';
import { ReadonlyControlRenderer, readonlyControlTester } from './readonly-control';
import { DepartmentControlRenderer, departmentControlTester, PersonControlRenderer, personControlTester } from './directory-controls';

const renderers = [
  ...vanillaRenderers,
  { tester: linesTableTester, renderer: LinesTableRenderer },
  { tester: personControlTester, renderer: PersonControlRenderer },
  { tester: departmentControlTester, renderer: DepartmentControlRenderer },
  { tester: choicesControlTester, renderer: ChoicesControlRenderer },
  { tester: tabsLayoutTester, renderer: TabsLayoutRenderer },
  { tester: objectControlTester, renderer: ObjectControlRenderer },
];
// Cells are what controls and table columns draw their inputs with.
const cells = [...vanillaCells, { tester: integerCellTester, cell: IntegerCellRenderer }, ...temporalCells];
const readonlyRenderers = [...renderers, { tester: readonlyControlTester, renderer: ReadonlyControlRenderer }];

export interface RecordFormProps {
  template: Template;
  data: JsonObject;
  roles: string[];
  /** Pointers the reader may write now; 'all' for everything; [] = read-only. */
  editable: string[] | 'all';
  readonly?: boolean;
  /** Laid out as a document (printing): every tab's fields one after another. */
  document?: boolean;
  showErrors?: boolean;
  serverErrors?: ErrorObject[];
  onChange?: (data: JsonObject, errors: ErrorObject[]) => void;
}

export function RecordForm({ template, data, roles, editable, readonly, document: asDocument, showErrors, serverErrors, onChange }: RecordFormProps) {
  const { lang, t } = useI18n();
  const schema = useMemo(
    () => localizeSchema(template.form.schema, template.form.labels, lang) as JsonSchema,
    [template, lang],
  );
  const uischema = useMemo(
    () =>
      prepareUischema(
        template.form.uischema,
        {
          editable: readonly ? [] : editable,
          hidden: hiddenFields(template, roles),
          locked: writeProtected(template, roles),
        },
        template.form.labels,
        lang,
      ) as unknown as UISchemaElement,
    [template, roles, editable, readonly, lang],
  );
  const config = useMemo(() => {
    const lines = template.summary?.lines;
    return {
      trim: false,
      showUnfocusedDescription: false,
      hideRequiredAsterisk: !!readonly,
      lineAmount: lines?.price ? { quantity: lines.quantity, price: lines.price } : undefined,
      document: !!asDocument,
    };
  }, [template, readonly, asDocument]);
  const i18n = useMemo(
    () => ({
      locale: lang,
      // the renderer's own words: its empty dropdown choice says "请选择", not "None"
      translate: ((key: string, fallback: string | undefined) => (key.endsWith('enum.none') ? t('form.chooseOne') : fallback)) as Translator,
      translateError: (error: ErrorObject) => translateAjvError(error, t),
    }),
    [lang, t],
  );

  return (
    <div className={`record-form${readonly ? ' is-readonly' : ''}`} data-testid="record-form">
      <JsonForms
        schema={schema}
        uischema={uischema}
        data={data}
        renderers={readonly ? readonlyRenderers : renderers}
        cells={cells}
        ajv={formAjv}
        config={config}
        readonly={readonly}
        i18n={i18n}
        validationMode={readonly ? 'NoValidation' : showErrors ? 'ValidateAndShow' : 'ValidateAndHide'}
        additionalErrors={serverErrors}
        onChange={({ data: next, errors }) =>
          onChange?.(next as JsonObject, visibleErrors((errors ?? []) as ErrorObject[], hiddenControls(uischema, next, formAjv)))
        }
      />
    </div>
  );
}
