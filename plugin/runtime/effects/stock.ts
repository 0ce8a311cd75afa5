// Stock effects: reserve on confirm, take out on shipment, give back whatever the record still holds.
import { getAt } from '../../core/pointer.ts';
import { refuse } from '../../core/refusals.ts';
import type { JsonObject } from '../../core/types.ts';
import type { StockMovement } from '../ports.ts';
import type { EffectContext, EffectHandler, EffectPlan } from './effect-handler.ts';

interface Line {
  product: string;
  warehouse: string;
  quantity: number;
}

const key = (product: string, warehouse: string) => `${product}\u0000${warehouse}`;
const noParams = { type: 'object', additionalProperties: false, properties: {} };

function linesOf(ctx: EffectContext): Line[] {
  const map = ctx.template.summary.lines;
  if (!map) return [];
  const items = getAt(ctx.record.data, map.path);
  if (!Array.isArray(items)) return [];
  return items.map((raw) => {
    const it = raw as JsonObject;
    return { product: String(it[map.product]), warehouse: String(it[map.warehouse]), quantity: Number(it[map.quantity]) || 0 };
  });
}

/** Quantities per product|warehouse, summed over lines. */
function group(lines: Line[]): Map<string, Line> {
  const out = new Map<string, Line>();
  for (const l of lines) {
    const k = key(l.product, l.warehouse);
    const g = out.get(k) ?? { ...l, quantity: 0 };
    g.quantity += l.quantity;
    out.set(k, g);
  }
  return out;
}

/** What this record holds now, counting movements the same plan has queued. */
async function held(ctx: EffectContext): Promise<Map<string, { product: string; warehouse: string; onHand: number; reserved: number }>> {
  const moves = [...(await ctx.store.stockMovements(ctx.record.id)), ...ctx.pending.stock.filter((m) => m.recordId === ctx.record.id)];
  const out = new Map<string, { product: string; warehouse: string; onHand: number; reserved: number }>();
  for (const m of moves) {
    const k = key(m.product, m.warehouse);
    const h = out.get(k) ?? { product: m.product, warehouse: m.warehouse, onHand: 0, reserved: 0 };
    h.onHand += m.onHand;
    h.reserved += m.reserved;
    out.set(k, h);
  }
  return out;
}

function movement(ctx: EffectContext, product: string, warehouse: string, onHand: number, reserved: number, note: string): StockMovement {
  return { id: ctx.newId(), recordId: ctx.record.id, product, warehouse, onHand, reserved, at: ctx.now, note };
}

export const stockReserve: EffectHandler = {
  type: 'stock.reserve',
  params: noParams,
  async plan(_params, ctx): Promise<EffectPlan> {
    const stock: StockMovement[] = [];
    const preview: EffectPlan['preview'] = [];
    for (const l of group(linesOf(ctx)).values()) {
      const [level] = await ctx.store.stockLevels({ product: l.product, warehouse: l.warehouse });
      const queued = ctx.pending.stock.filter((m) => m.product === l.product && m.warehouse === l.warehouse);
      const available = (level?.onHand ?? 0) - (level?.reserved ?? 0) + queued.reduce((s, m) => s + m.onHand - m.reserved, 0);
      if (available < l.quantity)
        return {
          preview,
          refusal: refuse(
            'stock_insufficient',
            `库存不足：${l.product} 在 ${l.warehouse} 可用 ${available}，需要 ${l.quantity}。请调整数量或仓库。`,
            `Not enough stock: ${l.product} in ${l.warehouse} has ${available} available, ${l.quantity} needed. Change the quantity or the warehouse.`,
          ),
        };
      stock.push(movement(ctx, l.product, l.warehouse, 0, l.quantity, 'reserve'));
      preview.push({
        kind: 'stock', product: l.product, warehouse: l.warehouse, reserved: l.quantity, onHand: 0,
        text: { 'zh-CN': `预留库存：${l.product} @ ${l.warehouse} × ${l.quantity}`, en: `Reserve ${l.quantity} × ${l.product} in ${l.warehouse}` },
      });
    }
    return { changes: { stock }, preview };
  },
};

export const stockShip: EffectHandler = {
  type: 'stock.ship',
  params: noParams,
  async plan(_params, ctx): Promise<EffectPlan> {
    const holding = await held(ctx);
    const stock: StockMovement[] = [];
    const preview: EffectPlan['preview'] = [];
    const lines = group(linesOf(ctx));
    for (const l of lines.values()) {
      const own = Math.max(holding.get(key(l.product, l.warehouse))?.reserved ?? 0, 0);
      // Goods on hand that nobody else has reserved: the lines may have changed since they were reserved.
      const [level] = await ctx.store.stockLevels({ product: l.product, warehouse: l.warehouse });
      const queued = ctx.pending.stock.filter((m) => m.product === l.product && m.warehouse === l.warehouse);
      const free = (level?.onHand ?? 0) - (level?.reserved ?? 0) + queued.reduce((s, m) => s + m.onHand - m.reserved, 0) + own;
      if (free < l.quantity)
        return {
          preview,
          refusal: refuse(
            'stock_insufficient',
            `库存不足，无法出库：${l.product} 在 ${l.warehouse} 可出库 ${free}，需要 ${l.quantity}。`,
            `Not enough stock to ship: ${l.product} in ${l.warehouse} has ${free} to ship, ${l.quantity} needed.`,
          ),
        };
      // Shipping uses up the whole reservation this record holds here, whatever the lines say now.
      stock.push(movement(ctx, l.product, l.warehouse, -l.quantity, -own, 'ship'));
      preview.push({
        kind: 'stock', product: l.product, warehouse: l.warehouse, onHand: -l.quantity, reserved: -own,
        text: { 'zh-CN': `出库：${l.product} @ ${l.warehouse} × ${l.quantity}`, en: `Ship ${l.quantity} × ${l.product} out of ${l.warehouse}` },
      });
    }
    // Reservations for products or warehouses the lines no longer name are released, not left held.
    for (const [k, h] of holding) {
      if (lines.has(k) || h.reserved <= 0) continue;
      stock.push(movement(ctx, h.product, h.warehouse, 0, -h.reserved, 'release'));
      preview.push({
        kind: 'stock', product: h.product, warehouse: h.warehouse, onHand: 0, reserved: -h.reserved,
        text: { 'zh-CN': `释放预留：${h.product} @ ${h.warehouse} × ${h.reserved}`, en: `Release the reservation of ${h.reserved} × ${h.product} in ${h.warehouse}` },
      });
    }
    return { changes: { stock }, preview };
  },
};

export const stockRestore: EffectHandler = {
  type: 'stock.restore',
  params: noParams,
  async plan(_params, ctx): Promise<EffectPlan> {
    const stock: StockMovement[] = [];
    const preview: EffectPlan['preview'] = [];
    for (const h of (await held(ctx)).values()) {
      if (h.reserved === 0 && h.onHand === 0) continue;
      stock.push(movement(ctx, h.product, h.warehouse, -h.onHand, -h.reserved, 'restore'));
      if (h.reserved !== 0)
        preview.push({
          kind: 'stock', product: h.product, warehouse: h.warehouse, reserved: -h.reserved, onHand: 0,
          text: { 'zh-CN': `释放预留：${h.product} @ ${h.warehouse} × ${h.reserved}`, en: `Release the reservation of ${h.reserved} × ${h.product} in ${h.warehouse}` },
        });
      if (h.onHand !== 0)
        preview.push({
          kind: 'stock', product: h.product, warehouse: h.warehouse, reserved: 0, onHand: -h.onHand,
          text: { 'zh-CN': `退回入库：${h.product} @ ${h.warehouse} × ${-h.onHand}`, en: `Return ${-h.onHand} × ${h.product} into ${h.warehouse}` },
        });
    }
    if (!preview.length) preview.push({ kind: 'stock', text: { 'zh-CN': '无库存需要恢复', en: 'No stock to restore' } });
    return { changes: { stock }, preview };
  },
};
