// The one way the web app talks to the server: JSON in, JSON out, problem+json turned into ApiError.
// The session is the HttpOnly cookie the server sets at sign-in: no script, ours or injected, can read it.

const LANG_KEY = 'ow.lang';

export class ApiError extends Error {
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];

  constructor(status: number, code: string, detail: string, errors?: { path: string; message: string }[]) {
    super(detail || code || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = errors;
  }
}

function currentLanguage(): string {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** `path` may be given with or without the leading `/api`. */
function url(path: string): string {
  if (/^https?:\/\//.test(path)) return path;
  const p = path.startsWith('/') ? path : `/${path}`;
  return p === '/api' || p.startsWith('/api/') ? p : `/api${p}`;
}

function goToLogin(): void {
  if (typeof window === 'undefined') return;
  if (window.location.pathname === '/login') return;
  const next = window.location.pathname + window.location.search;
  window.location.assign(`/login?next=${encodeURIComponent(next)}`);
}

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  opts?: { ifMatch?: number; file?: { body: Blob; type: string } },
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLanguage(),
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  // a file goes as the body itself (a spreadsheet to import)
  if (opts?.file) headers['Content-Type'] = opts.file.type;
  if (opts?.ifMatch !== undefined) headers['If-Match'] = String(opts.ifMatch);

  let res: Response;
  try {
    res = await fetch(url(path), {
      method: method.toUpperCase(),
      headers,
      body: opts?.file ? opts.file.body : body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'network_error', e instanceof Error ? e.message : String(e));
  }

  const text = res.status === 204 ? '' : await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }

  if (!res.ok) {
    const p = (parsed && typeof parsed === 'object' ? parsed : {}) as {
      code?: string;
      detail?: string;
      title?: string;
      errors?: { path: string; message: string }[];
    };
    const err = new ApiError(
      res.status,
      p.code ?? `http_${res.status}`,
      p.detail ?? p.title ?? (typeof parsed === 'string' ? parsed : res.statusText),
      Array.isArray(p.errors) ? p.errors : undefined,
    );
    // A wrong password at sign-in is a plain error; anywhere else a 401 means the session is gone.
    if (res.status === 401 && url(path) !== '/api/session') goToLogin();
    throw err;
  }
  return parsed as T;
}
