// Installed templates, one row per template id with its versions; open in the studio or export as JSON.
import { useState } from 'react';
import { Link } from 'react-router';
import { adminApi, type TemplateListItem } from '../admin-api';
import type { Labels } from '../../../../plugin/core/types';
import { useI18n } from '../../i18n';
import { ProblemBox } from '../components/problem-box';
import { downloadJson } from './download-json';

interface Row {
  id: string;
  name: Labels | string;
  versions: number[];
}

export function groupTemplates(items: TemplateListItem[]): Row[] {
  const rows = new Map<string, Row>();
  for (const it of items) {
    const row = rows.get(it.id) ?? { id: it.id, name: it.name, versions: [] };
    for (const v of [it.version, ...(it.versions ?? [])]) if (!row.versions.includes(v)) row.versions.push(v);
    if (it.version >= Math.max(...row.versions)) row.name = it.name;
    rows.set(it.id, row);
  }
  for (const r of rows.values()) r.versions.sort((a, b) => b - a);
  return [...rows.values()];
}

export function InstalledTable({ items, highlight }: { items: TemplateListItem[]; highlight?: string }) {
  const { t, label } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [picked, setPicked] = useState<Record<string, number>>({});
  const rows = groupTemplates(items);

  const exportOne = async (row: Row) => {
    setError(null);
    const version = picked[row.id] ?? row.versions[0];
    try {
      const bundle = await adminApi.getTemplate(row.id, version === row.versions[0] ? undefined : version);
      downloadJson(bundle, `${row.id}-v${bundle.version ?? version}.json`);
    } catch (e) {
      setError(e);
    }
  };

  if (rows.length === 0) return <p className="adm-muted">{t('admin.gallery.noneInstalled')}</p>;
  return (
    <>
      <ProblemBox error={error} />
      <table className="adm-table" data-testid="installed-templates">
        <thead>
          <tr>
            <th>{t('admin.gallery.colName')}</th>
            <th>{t('admin.gallery.colId')}</th>
            <th>{t('admin.gallery.colVersion')}</th>
            <th className="adm-table__actions">{t('admin.common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid={`installed-${row.id}`} className={row.id === highlight ? 'is-new' : ''}>
              <td>{label(row.name as Labels)}</td>
              <td>
                <code>{row.id}</code>
              </td>
              <td>
                {row.versions.length > 1 ? (
                  <select
                    aria-label={t('admin.gallery.colVersion')}
                    value={picked[row.id] ?? row.versions[0]}
                    onChange={(e) => setPicked({ ...picked, [row.id]: Number(e.target.value) })}
                  >
                    {row.versions.map((v) => (
                      <option key={v} value={v}>
                        v{v}
                        {v === row.versions[0] ? ` (${t('admin.gallery.latest')})` : ''}
                      </option>
                    ))}
                  </select>
                ) : (
                  <>v{row.versions[0]}</>
                )}
              </td>
              <td className="adm-table__actions">
                <Link className="adm-btn" to={`/admin/templates/${encodeURIComponent(row.id)}/studio`}>
                  {t('admin.gallery.openStudio')}
                </Link>
                <button type="button" className="adm-btn" onClick={() => exportOne(row)}>
                  {t('admin.gallery.export')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
