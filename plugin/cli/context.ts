// What every CLI command works with: the store in DATA_DIR, the runtime on it, and where to write.
import type { StoreChoice } from '../host/store-choice.ts';
import type { Store } from '../runtime/ports.ts';
import type { HostRuntime } from '../runtime/runtime.ts';

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

export interface CliContext extends CliOutput {
  store: Store;
  /** The host's runtime: it installs templates and creates users without anyone signed in. */
  runtime: HostRuntime;
  /** Where relative paths in bundles (rule files) are looked up. */
  rootDir: string;
  /** The stores the host was told of (a copy goes from the embedded one to the PostgreSQL one). */
  target: StoreChoice;
}

/** 0 done, 1 refused or failed, 2 misused. */
export type ExitCode = 0 | 1 | 2;
