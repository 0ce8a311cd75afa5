// The page's search parameters, changed by patches that build on one another. react-router hands a functional update
// the parameters of the last render, so two changes made before the next render (a template picked, then a grouping)
// kept only the second; here each patch starts from the one before it.
import { useCallback, useRef } from 'react';
import { useSearchParams } from 'react-router';

export function useUrlParams() {
  const [params, setParams] = useSearchParams();
  const latest = useRef(params);
  const rendered = useRef(params);
  // a navigation of its own (back, a link) replaces whatever was patched before it
  if (rendered.current !== params) {
    rendered.current = params;
    latest.current = params;
  }
  const patch = useCallback(
    (change: (next: URLSearchParams) => void) => {
      const next = new URLSearchParams(latest.current);
      change(next);
      latest.current = next;
      setParams(next, { replace: true });
    },
    [setParams],
  );
  return [params, patch] as const;
}
