// Trying a rule in place: pick one of the template's records, and see whether the rule holds for it and, for
// each comparison, the value found, in the drafted version of the template (nothing is saved).
import { useEffect, useState } from 'react';
import type { Json, JsonObject } from '../../../../plugin/core/types';
import { ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { adminApi, type RuleTrace } from '../admin-api';
import { useStudio } from './studio-context';

/** A comparison's subject as people read it: a field of the form by its label, any other fact as written. */
type Subject = (fact: string, path: string) => string;

function Trace({ node, subject }: { node: JsonObject; subject: Subject }) {
  const { t } = useI18n();
  for (const join of ['all', 'any'] as const) {
    if (Array.isArray(node[join]))
      return (
        <div className="adm-trace__group">
          <span className="adm-muted adm-small">{t(`admin.rules.${join}`)}</span>
          <ul>
            {(node[join] as Json[]).map((c, i) => (
              <li key={i}>
                <Trace node={c as JsonObject} subject={subject} />
              </li>
            ))}
          </ul>
        </div>
      );
  }
  if (node.not && typeof node.not === 'object')
    return (
      <div className="adm-trace__group">
        <span className="adm-muted adm-small">{t('admin.rules.whenNot')}</span>
        <Trace node={node.not as JsonObject} subject={subject} />
      </div>
    );
  const found = node.factResult === undefined ? t('admin.rules.empty') : JSON.stringify(node.factResult);
  return (
    <span className={node.result === true ? 'adm-trace--yes' : 'adm-trace--no'} data-testid="trace-row">
      {node.result === true ? '✓' : '✗'} <code>{subject(String(node.fact), String(node.path ?? ''))}</code> {t(`admin.rules.op.${String(node.operator)}`)} <code>{JSON.stringify(node.value)}</code>
      <span className="adm-muted"> · {t('admin.rules.actual', { value: found })}</span>
    </span>
  );
}

export function RuleTrial({ rule }: { rule: string }) {
  const { draft } = useStudio();
  const { t, label } = useI18n();
  const subject: Subject = (fact, path) => {
    const field = fact === 'data' && path.startsWith('$.') ? draft.form.labels?.[`/${path.slice(2).replace(/\./g, '/')}`] : undefined;
    return field ? label(field) : `${fact} ${path}`;
  };
  const [records, setRecords] = useState<{ id: string; number: string }[] | null>(null);
  const [record, setRecord] = useState('');
  const [trace, setTrace] = useState<RuleTrace | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    adminApi.recentRecords(draft.id).then((r) => setRecords(r.items), () => setRecords([]));
  }, [draft.id]);

  const run = async () => {
    setError('');
    setTrace(null);
    try {
      setTrace(await adminApi.tryRule(draft, rule, record || records?.[0]?.id || ''));
    } catch (e) {
      setError(e instanceof ApiError ? e.detail || e.code : String(e));
    }
  };

  if (records && !records.length) return <p className="adm-muted adm-small">{t('admin.rules.noRecords')}</p>;
  return (
    <div className="adm-stack adm-stack--tight" data-testid={`rule-trial-${rule}`}>
      <div className="adm-row">
        <span className="adm-row__label">{t('admin.rules.test')}</span>
        <select name="trial-record" aria-label={t('admin.rules.testRecord')} value={record} onChange={(e) => setRecord(e.target.value)}>
          {(records ?? []).map((r) => (
            <option key={r.id} value={r.id}>
              {r.number}
            </option>
          ))}
        </select>
        <button type="button" className="adm-btn adm-btn--small" name="trial-run" disabled={!records} onClick={run}>
          {t('admin.rules.testRun')}
        </button>
      </div>
      {error && <p className="adm-field-error" role="alert">{error}</p>}
      {trace && (
        <div className="adm-trace" data-testid="rule-trace">
          <strong className={trace.holds ? 'adm-trace--yes' : 'adm-trace--no'}>{trace.holds ? t('admin.rules.holds') : t('admin.rules.fails')}</strong>
          <Trace node={trace.conditions} subject={subject} />
        </div>
      )}
    </div>
  );
}
