import { PostgresStore } from '../../../plugin/adapters/store/postgres/postgres-store.ts';
import { freshSchema, postgresUrl } from '../../support/postgres.ts';
import { runStoreContract } from './store-contract.ts';

runStoreContract('PostgresStore', async () => {
  const { schema, drop } = freshSchema();
  return { store: new PostgresStore({ url: postgresUrl(), schema }), cleanup: drop };
});
