// A Control on a whole object: its fields laid out as JSON Forms would generate them (or as the control's
// `options.detail` says), in a group titled with the control's label.
import { findUISchema, isObjectControl, rankWith, type ControlProps, type RankedTester } from '@jsonforms/core';
import { JsonFormsDispatch, useJsonForms, withJsonFormsControlProps } from '@jsonforms/react';

function ObjectControl({ schema, uischema, path, label, visible, enabled, renderers, cells, rootSchema }: ControlProps) {
  const ctx = useJsonForms();
  if (!visible) return null;
  const detail = findUISchema(ctx.uischemas ?? [], schema, uischema.scope, path, 'VerticalLayout', uischema, rootSchema);
  return (
    <fieldset className="group-layout object-control">
      {label && <legend>{label}</legend>}
      <JsonFormsDispatch schema={schema} uischema={detail} path={path} enabled={enabled} renderers={renderers} cells={cells} />
    </fieldset>
  );
}

export const objectControlTester: RankedTester = rankWith(3, isObjectControl);
export const ObjectControlRenderer = withJsonFormsControlProps(ObjectControl);
