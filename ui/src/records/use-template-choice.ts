// Which order template a list shows: the one in the URL, else the last one used, else sales-order or the first installed;
// offered are the templates whose records the person works with (none of them: every one, so the page is not empty).
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAuth } from '../auth';
import { listTemplates, worksWith, type TemplateInfo } from '../lib/templates';

const KEY = 'ow.template';
const PREFERRED = 'sales-order';

export function useTemplateChoice() {
  const [params] = useSearchParams();
  const roles = useAuth().user?.roles ?? [];
  const [choices, setChoices] = useState<TemplateInfo[]>([]);
  const [templateId, setId] = useState<string>(() => params.get('template') ?? localStorage.getItem(KEY) ?? PREFERRED);

  useEffect(() => {
    let live = true;
    listTemplates()
      .then((list) => {
        if (!live) return;
        // one entry per id (the latest version)
        const byId = new Map<string, TemplateInfo>();
        for (const t of list) {
          const prev = byId.get(t.id);
          if (!prev || t.version > prev.version) byId.set(t.id, t);
        }
        const all = [...byId.values()];
        const mine = all.filter((t) => worksWith(t, roles));
        const uniq = mine.length ? mine : all;
        setChoices(uniq);
        if (uniq.length && !uniq.some((t) => t.id === templateId)) {
          setId(uniq.some((t) => t.id === PREFERRED) ? PREFERRED : uniq[0].id);
        }
      })
      .catch(() => {});
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const setTemplateId = (id: string) => {
    localStorage.setItem(KEY, id);
    setId(id);
  };
  return { templateId, choices, setTemplateId };
}
