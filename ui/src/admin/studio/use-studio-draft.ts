// The studio's working state: the template as loaded, the draft being edited, and whether they differ.
// An unsaved draft is kept in this browser (localStorage) and comes back after a reload or a closed tab.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Template } from '../../../../plugin/core/types';

interface Kept {
  /** The installed version the draft was started from: a draft of an older version is not brought back. */
  base: number;
  at: string;
  draft: Template;
}

const keyOf = (id: string) => `ow.studio.draft.${id}`;

function readKept(loaded: Template): Kept | undefined {
  try {
    const kept = JSON.parse(localStorage.getItem(keyOf(loaded.id)) ?? 'null') as Kept | null;
    return kept && kept.base === loaded.version && kept.draft?.id === loaded.id ? kept : undefined;
  } catch {
    return undefined; // unreadable: as if nothing were kept
  }
}

export function useStudioDraft(loaded: Template) {
  const [original, setOriginal] = useState(loaded);
  const [draft, setDraft] = useState(() => readKept(loaded)?.draft ?? loaded);
  const [restoredAt, setRestoredAt] = useState(() => readKept(loaded)?.at);
  useEffect(() => {
    const kept = readKept(loaded);
    setOriginal(loaded);
    setDraft(kept?.draft ?? loaded);
    setRestoredAt(kept?.at);
  }, [loaded]);
  const update = useCallback((change: (d: Template) => void) => {
    setDraft((prev) => {
      const next = structuredClone(prev);
      change(next);
      return next;
    });
  }, []);
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(original), [draft, original]);
  const reset = useCallback(() => {
    setDraft(original);
    setRestoredAt(undefined);
  }, [original]);

  useEffect(() => {
    if (dirty) localStorage.setItem(keyOf(original.id), JSON.stringify({ base: original.version, at: new Date().toISOString(), draft } satisfies Kept));
    else localStorage.removeItem(keyOf(original.id));
  }, [draft, dirty, original]);

  return { original, draft, update, dirty, reset, restoredAt: dirty ? restoredAt : undefined };
}
