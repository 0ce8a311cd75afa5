// Templates, the directory and sign-ins are read by every request and change rarely: each process keeps them in
// memory and drops its copy when any process on the database says they changed (LISTEN/NOTIFY). Without the
// listening connection nothing is kept, so a process never serves a copy it could not hear go stale.
import pg from 'pg';

export const CHANNEL = 'order_workflow_changed';

export type CachedKind = 'templates' | 'users' | 'sessions';

/** Sign-ins kept per process at most; past it the oldest are forgotten (and read again when used). */
const KEPT_ENTRIES = 10_000;

export class SharedCache {
  private readonly values = new Map<CachedKind, Promise<unknown>>();
  private readonly entries = new Map<CachedKind, Map<string, Promise<unknown>>>();
  private listener: pg.Client | undefined;
  private listening = false;

  constructor(private readonly schema: string) {}

  /** Starts listening; changes are announced per schema, so two stores on one database keep apart. */
  async open(config: pg.ClientConfig): Promise<void> {
    const client = new pg.Client(config);
    const lost = () => {
      this.listening = false;
      this.values.clear();
      this.entries.clear();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (msg) => {
      const [schema, kind] = (msg.payload ?? '').split(':');
      if (schema === this.schema) this.forget(kind as CachedKind);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
    this.listening = true;
  }

  async close(): Promise<void> {
    this.listening = false;
    this.values.clear();
    this.entries.clear();
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  /** The kept value, or a fresh one from `load` (kept while someone listens). */
  get<T>(kind: CachedKind, load: () => Promise<T>): Promise<T> {
    if (!this.listening) return load();
    let value = this.values.get(kind) as Promise<T> | undefined;
    if (!value) {
      value = load();
      this.values.set(kind, value);
      value.catch(() => this.values.delete(kind));
    }
    return value;
  }

  /** The kept entry under `key`, or a fresh one from `load`; what `load` finds missing is not kept. */
  getEntry<T>(kind: CachedKind, key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    if (!this.listening) return load();
    let kept = this.entries.get(kind);
    if (!kept) this.entries.set(kind, (kept = new Map()));
    let value = kept.get(key) as Promise<T | undefined> | undefined;
    if (!value) {
      if (kept.size >= KEPT_ENTRIES) kept.delete(kept.keys().next().value!);
      const fresh = load();
      kept.set(key, (value = fresh));
      fresh.then((v) => v === undefined && kept.get(key) === fresh && kept.delete(key), () => kept.delete(key));
    }
    return value;
  }

  /** Forgets the local copy at once; others are told by `announce`, sent in the transaction of the change. */
  forget(kind: CachedKind): void {
    this.values.delete(kind);
    this.entries.delete(kind);
  }

  announce(kind: CachedKind): [string, string[]] {
    return ['SELECT pg_notify($1, $2)', [CHANNEL, `${this.schema}:${kind}`]];
  }
}
