// The studio's working state: the template as loaded, the draft being edited, and whether they differ.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Template } from '../../../../plugin/core/types';

export function useStudioDraft(loaded: Template) {
  const [original, setOriginal] = useState(loaded);
  const [draft, setDraft] = useState(loaded);
  useEffect(() => {
    setOriginal(loaded);
    setDraft(loaded);
  }, [loaded]);
  const update = useCallback((change: (d: Template) => void) => {
    setDraft((prev) => {
      const next = structuredClone(prev);
      change(next);
      return next;
    });
  }, []);
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(original), [draft, original]);
  const reset = useCallback(() => setDraft(original), [original]);

  // Leaving the page with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return { original, draft, update, dirty, reset };
}
