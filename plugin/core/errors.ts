// One error type for what goes wrong outside the rules of the business (refusals are results, not errors):
// a code per kind of failure, so hosts, the CLI and the logs can tell them apart without reading words.
export type FailureCode =
  /** The setup is wrong: an effect type or rule named but not registered, registered twice, a bad setting. */
  | 'setup_invalid'
  /** Data the store holds does not hang together (a record's template version is missing). */
  | 'data_inconsistent'
  /** The store's files are damaged or do not belong together; restore from a backup. */
  | 'store_damaged'
  /** The store is not open, or another process holds it. */
  | 'store_unavailable'
  /** No such snapshot. */
  | 'snapshot_missing'
  /** Demo data or prebuilt templates could not be installed. */
  | 'seed_failed';

export class PluginFailure extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'PluginFailure';
  }
}
