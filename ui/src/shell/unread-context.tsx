// The unread-notification count shown in the nav badge; pages call refresh() after marking things read.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api';

interface Unread {
  unread: number;
  refresh: () => void;
}

const UnreadContext = createContext<Unread>({ unread: 0, refresh: () => {} });

const POLL_MS = 30_000;

export function UnreadProvider({ children }: { children: ReactNode }) {
  const [unread, setUnread] = useState(0);
  const refresh = useCallback(() => {
    api<{ unread?: number; items?: unknown[] }>('GET', '/notifications')
      .then((r) => setUnread(typeof r.unread === 'number' ? r.unread : 0))
      .catch(() => {});
  }, []);
  useEffect(() => {
    refresh();
    const timer = window.setInterval(refresh, POLL_MS);
    const onFocus = () => refresh();
    window.addEventListener('focus', onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [refresh]);
  const value = useMemo(() => ({ unread, refresh }), [unread, refresh]);
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}

export function useUnread(): Unread {
  return useContext(UnreadContext);
}
