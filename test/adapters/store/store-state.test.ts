import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StoreState, checkStoreData, dateBound, sliceInOrder } from '../../../plugin/adapters/store/store-state.ts';
import { aRecord } from './store-contract.ts';

describe('sliceInOrder', () => {
  it('gives the same slice as sorting everything', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { maxLength: 300 }), fc.nat(320), fc.nat(320), (list, a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const expected = [...list].sort((x, y) => x - y).slice(start, end);
        expect(sliceInOrder([...list], start, end, (x, y) => x - y)).toEqual(expected);
      }),
    );
  });
});

describe('dateBound', () => {
  it('a bare day spans the whole UTC day; a time is taken as it is', () => {
    expect(dateBound('2024-05-02', false, 'from')).toBe('2024-05-02T00:00:00.000Z');
    expect(dateBound('2024-05-02', true, 'to')).toBe('2024-05-02T23:59:59.999Z');
    expect(dateBound('2024-05-02T10:00:00+02:00', true, 'to')).toBe('2024-05-02T08:00:00.000Z');
    expect(() => dateBound('soon', false, 'from')).toThrow(/from "soon" is not a date/);
  });
});

describe('StoreState', () => {
  it('stores creation times in one comparable form, so ranges hold for any ISO spelling', () => {
    const state = StoreState.empty();
    state.commit({ records: [{ record: aRecord('1', { createdAt: '2024-05-02T01:00:00+02:00' }) }] });
    expect(state.getRecord('1')?.createdAt).toBe('2024-05-01T23:00:00.000Z');
    const found = state.findRecords({ visibility: { all: true }, to: '2024-05-01', page: 1, pageSize: 10 });
    expect(found.total).toBe(1);
  });

  it('an out-of-order file is put back in creation order on load', () => {
    const data = checkStoreData({ format: 'order-workflow-store', records: [aRecord('2', { createdAt: '2024-05-02T00:00:00.000Z' }), aRecord('1')] });
    const state = StoreState.load(data);
    expect(state.findRecords({ visibility: { all: true }, page: 1, pageSize: 10, sort: { field: 'createdAt', dir: 'asc' } }).items.map((r) => r.id)).toEqual(['1', '2']);
  });

  it('stock levels missing from older data are summed from the movements', () => {
    const data = checkStoreData({
      format: 'order-workflow-store',
      stockMovements: [
        { id: 'm1', product: 'P', warehouse: 'W', onHand: 5, reserved: 1, at: '2024-05-01T00:00:00.000Z' },
        { id: 'm2', product: 'P', warehouse: 'W', onHand: -2, reserved: 0, at: '2024-05-01T00:00:00.000Z' },
      ],
    });
    expect(StoreState.load(data).stockLevels()).toEqual([{ product: 'P', warehouse: 'W', onHand: 3, reserved: 1 }]);
  });

  it('ids like "__proto__" are stored as plain keys', () => {
    const state = StoreState.empty();
    state.commit({
      audit: [{ id: 'a1', recordId: '__proto__', at: '2024-05-01T00:00:00.000Z', actor: 'u', actorName: 'U', action: 'x' }],
      counters: JSON.parse('{"__proto__": 3}') as Record<string, number>,
    });
    expect(state.getAudit('__proto__')).toHaveLength(1);
    expect(state.counter('__proto__')).toBe(3);
    expect(state.counter('toString')).toBe(0);
    const exported = JSON.parse(JSON.stringify(state.exportData()));
    expect(Object.keys(exported.audit)).toEqual(['__proto__']);
  });
});
