// The form as it will be, beside the designer: filled in freely, seen as a chosen role in a chosen state
// (fields they may not see left out, fields they may not write read-only), so rights and conditions can be tried.
import { Component, useState, type ReactNode } from 'react';
import type { JsonObject } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { RecordForm } from '../../forms/record-form';
import { stateAccess } from '../../forms/prepare-form';
import { initialData } from '../../forms/initial-data';
import { useStudio } from './studio-context';
import { OptionSelect } from '../components/option-select';

/** A draft the renderer cannot draw yet (a half-made rule, say) shows a line, not a blank studio. */
class PreviewBoundary extends Component<{ message: string; children: ReactNode; draft: unknown }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  componentDidUpdate(prev: { draft: unknown }) {
    if (prev.draft !== this.props.draft && this.state.failed) this.setState({ failed: false });
  }
  render() {
    return this.state.failed ? <p className="adm-muted">{this.props.message}</p> : this.props.children;
  }
}

export function FormPreview() {
  const { draft, roleOptions, stateOptions } = useStudio();
  const { t } = useI18n();
  const initial = stateOptions.find((s) => draft.states[s.value]?.initial)?.value ?? stateOptions[0]?.value ?? '';
  const [role, setRole] = useState('');
  const [state, setState] = useState('');
  const asRole = roleOptions.some((r) => r.value === role) ? role : (roleOptions[0]?.value ?? '');
  const inState = draft.states[state] ? state : initial;
  const [data, setData] = useState<JsonObject>(() => initialData(draft));

  return (
    <aside className="adm-card adm-stack adm-preview" data-testid="form-preview">
      <h3>{t('admin.preview.title')}</h3>
      <div className="adm-row">
        <OptionSelect name="preview-role" label={t('admin.preview.asRole')} value={asRole} options={roleOptions} onChange={setRole} />
        <OptionSelect name="preview-state" label={t('admin.preview.inState')} value={inState} options={stateOptions} onChange={setState} />
      </div>
      <PreviewBoundary message={t('admin.preview.cannotDraw')} draft={draft}>
        <RecordForm template={draft} data={data} roles={[asRole]} editable={stateAccess(draft, inState, [asRole])} onChange={(next) => setData(next)} />
      </PreviewBoundary>
      <p className="adm-muted adm-small">{t('admin.preview.hint')}</p>
    </aside>
  );
}
