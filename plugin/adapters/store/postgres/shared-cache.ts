// Templates and the directory are read by every command and change rarely: each process keeps them in memory
// and drops its copy when any process on the database says they changed (LISTEN/NOTIFY). Without the listening
// connection nothing is kept, so a process never serves a copy it could not hear go stale.
import pg from 'pg';

export const CHANNEL = 'order_workflow_changed';

export type CachedKind = 'templates' | 'users';

export class SharedCache {
  private readonly values = new Map<CachedKind, Promise<unknown>>();
  private listener: pg.Client | undefined;
  private listening = false;

  constructor(private readonly schema: string) {}

  /** Starts listening; changes are announced per schema, so two stores on one database keep apart. */
  async open(config: pg.ClientConfig): Promise<void> {
    const client = new pg.Client(config);
    const lost = () => {
      this.listening = false;
      this.values.clear();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (msg) => {
      const [schema, kind] = (msg.payload ?? '').split(':');
      if (schema === this.schema) this.values.delete(kind as CachedKind);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
    this.listening = true;
  }

  async close(): Promise<void> {
    this.listening = false;
    this.values.clear();
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

  /** Forgets the local copy at once; others are told by `announce`, sent in the transaction of the change. */
  forget(kind: CachedKind): void {
    this.values.delete(kind);
  }

  announce(kind: CachedKind): [string, string[]] {
    return ['SELECT pg_notify($1, $2)', [CHANNEL, `${this.schema}:${kind}`]];
  }
}
