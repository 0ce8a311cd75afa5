// Who is signed in: the session is the server's HttpOnly cookie, so the app asks GET /api/me who it is.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from './api';

export interface User {
  id: string;
  username?: string;
  name: string;
  roles: string[];
  department?: string;
}

export interface Auth {
  user: User | null;
  /** True until the server has said who is signed in. */
  loading: boolean;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<Auth>({
  user: null,
  loading: false,
  login: async () => {
    throw new Error('AuthProvider missing');
  },
  logout: async () => {},
});

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState<boolean>(true);

  useEffect(() => {
    let live = true;
    api<User>('GET', '/me')
      .then((u) => live && setUser(u))
      .catch(() => live && setUser(null))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api<{ token: string; user: User }>('POST', '/session', { username, password });
    let me = res.user;
    try {
      me = await api<User>('GET', '/me');
    } catch {
      /* the session answer is enough */
    }
    setUser(me);
    return me;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('DELETE', '/session');
    } catch {
      /* signing out locally is what matters */
    }
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, loading, login, logout }), [user, loading, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  return useContext(AuthContext);
}
