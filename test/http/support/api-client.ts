// A thin fetch wrapper for tests: JSON in, status + parsed body + headers out, never throwing on 4xx.
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  contentType: string;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Sent as is (for malformed or oversized bodies). */
  raw?: string;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
    readonly language?: string,
  ) {}

  /** The same caller, reading answers in another language. */
  inLanguage(language: string): ApiClient {
    return new ApiClient(this.baseUrl, this.token, language);
  }

  async request<T = any>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.language) headers['accept-language'] = this.language;
    let payload: string | undefined = options.raw;
    if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, { method, headers, body: payload });
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    let parsed: unknown = text;
    if (text && contentType.includes('json')) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, headers: res.headers, contentType };
  }

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, undefined, options);
  }
  post<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, body, options);
  }
  patch<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', path, body, options);
  }
  delete<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, undefined, options);
  }
}
