// The templates (by id and version) a list of records needs for its labels.
import { useEffect, useState } from 'react';
import type { Template, WorkRecord } from '../model';
import { loadTemplate } from '../lib/templates';

export type TemplateMap = Record<string, Template>;

export const templateKey = (r: Pick<WorkRecord, 'template' | 'templateVersion'>) => `${r.template}@${r.templateVersion}`;

export function useRecordTemplates(records: Pick<WorkRecord, 'template' | 'templateVersion'>[] | undefined): TemplateMap {
  const [map, setMap] = useState<TemplateMap>({});
  const keys = Array.from(new Set((records ?? []).map(templateKey))).sort().join('|');
  useEffect(() => {
    let live = true;
    const wanted = keys ? keys.split('|') : [];
    Promise.all(
      wanted.map(async (k) => {
        const [id, v] = k.split('@');
        try {
          return [k, await loadTemplate(id, Number(v))] as const;
        } catch {
          try {
            return [k, await loadTemplate(id)] as const;
          } catch {
            return null;
          }
        }
      }),
    ).then((pairs) => {
      if (!live) return;
      const next: TemplateMap = {};
      for (const p of pairs) if (p) next[p[0]] = p[1];
      setMap(next);
    });
    return () => {
      live = false;
    };
  }, [keys]);
  return map;
}
