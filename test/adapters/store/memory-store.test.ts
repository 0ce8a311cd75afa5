import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../plugin/adapters/store/memory-store.ts';
import { aRecord, runStoreContract } from './store-contract.ts';

runStoreContract('MemoryStore', async () => ({ store: new MemoryStore(), cleanup: async () => {} }));

describe('MemoryStore', () => {
  it('starts from an export handed to it', async () => {
    const first = new MemoryStore();
    await first.commit({ records: [{ record: aRecord('1') }] });
    const second = new MemoryStore({ data: await first.exportAll() });
    expect(await second.getRecord('1')).toEqual(aRecord('1'));
  });

  it('refuses starting data that is not a store', () => {
    expect(() => new MemoryStore({ data: { records: 'x' } })).toThrow(/bad starting data/);
  });

  it('is unusable once closed, and reopens with its data', async () => {
    const store = new MemoryStore();
    await store.commit({ records: [{ record: aRecord('1') }] });
    await store.close();
    await expect(store.getRecord('1')).rejects.toThrow(/not open/);
    await store.init();
    expect(await store.getRecord('1')).toEqual(aRecord('1'));
  });

  it('times snapshots with the clock it is given', async () => {
    const store = new MemoryStore({ clock: { now: () => new Date('2030-01-02T03:04:05.678Z') } });
    expect((await store.snapshot('x')).at).toBe('2030-01-02T03:04:05.678Z');
  });
});
