// Lays out the state machine: states in columns by BFS depth from the initial state, actions as curved arrows.
import type { ActionDef, StateDef } from '../../../../plugin/core/types';

export const BOX_W = 140;
export const BOX_H = 46;
export const LOOP_LINE = 16;
const COL_GAP = 96;
const ROW_GAP = 56;
const PAD = 24;

export interface Box {
  key: string;
  x: number;
  y: number;
  w: number;
  h: number;
  depth: number;
  reachable: boolean;
  /** Actions that keep the record in this state (no `to`, or `to` = this state). */
  loops: string[];
}

export interface Point {
  x: number;
  y: number;
}

export interface Arrow {
  action: string;
  from: string;
  to: string;
  start: Point;
  control: Point;
  end: Point;
  mid: Point;
}

export interface Layout {
  boxes: Box[];
  arrows: Arrow[];
  minX: number;
  minY: number;
  width: number;
  height: number;
}

/** Depth of every state reachable from the initial one; unreachable states are absent. */
export function depths(states: Record<string, StateDef>, actions: Record<string, ActionDef>): Map<string, number> {
  const out = new Map<string, number>();
  const start = Object.keys(states).find((k) => states[k].initial);
  if (!start) return out;
  out.set(start, 0);
  const queue = [start];
  while (queue.length) {
    const s = queue.shift()!;
    for (const a of Object.values(actions)) {
      if (!a.to || !a.from?.includes(s) || !(a.to in states) || out.has(a.to)) continue;
      out.set(a.to, out.get(s)! + 1);
      queue.push(a.to);
    }
  }
  return out;
}

function center(b: Box): Point {
  return { x: b.x + b.w / 2, y: b.y + b.h / 2 };
}

/** Where the ray from the box centre towards `toward` leaves the box. */
function exitPoint(b: Box, toward: Point): Point {
  const c = center(b);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const sx = dx === 0 ? Infinity : b.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : b.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: c.x + dx * s, y: c.y + dy * s };
}

export function layout(states: Record<string, StateDef>, actions: Record<string, ActionDef>): Layout {
  const depth = depths(states, actions);
  const maxDepth = Math.max(-1, ...depth.values());
  const keys = Object.keys(states);
  const loops = new Map<string, string[]>(keys.map((k) => [k, []]));
  for (const [name, a] of Object.entries(actions)) {
    for (const f of a.from ?? []) {
      if ((!a.to || a.to === f) && loops.has(f)) loops.get(f)!.push(name);
    }
  }
  const maxLoops = Math.max(0, ...[...loops.values()].map((l) => l.length));
  const rowH = BOX_H + maxLoops * LOOP_LINE + ROW_GAP;

  const columns = new Map<number, string[]>();
  for (const k of keys) {
    const d = depth.get(k) ?? maxDepth + 1;
    columns.set(d, [...(columns.get(d) ?? []), k]);
  }
  const boxes: Box[] = [];
  const byKey = new Map<string, Box>();
  for (const [d, col] of columns) {
    col.forEach((k, row) => {
      const l = loops.get(k)!;
      const b: Box = {
        key: k,
        x: PAD + d * (BOX_W + COL_GAP),
        y: PAD + row * rowH,
        w: BOX_W,
        h: BOX_H + l.length * LOOP_LINE,
        depth: d,
        reachable: depth.has(k),
        loops: l,
      };
      boxes.push(b);
      byKey.set(k, b);
    });
  }

  // Arrows between different states; parallel ones (either direction) fan out.
  const pairs = new Map<string, { action: string; from: string; to: string }[]>();
  for (const [name, a] of Object.entries(actions)) {
    if (!a.to || !byKey.has(a.to)) continue;
    for (const f of a.from ?? []) {
      if (f === a.to || !byKey.has(f)) continue;
      const id = [f, a.to].sort().join('\u0000');
      pairs.set(id, [...(pairs.get(id) ?? []), { action: name, from: f, to: a.to }]);
    }
  }
  const arrows: Arrow[] = [];
  for (const group of pairs.values()) {
    group.forEach((e, i) => {
      const A = byKey.get(e.from)!;
      const B = byKey.get(e.to)!;
      const [p, q] = e.from < e.to ? [center(A), center(B)] : [center(B), center(A)];
      const len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
      const nx = -(q.y - p.y) / len;
      const ny = (q.x - p.x) / len;
      // Long straight runs would cross the boxes in between: bend them.
      const sameRow = A.y === B.y && Math.abs(A.depth - B.depth) > 1;
      const sameCol = A.depth === B.depth && Math.abs(A.y - B.y) > rowH;
      const base = sameRow || sameCol ? 46 : 0;
      const spread = (i - (group.length - 1) / 2) * 34;
      const off = base + spread;
      const ca = center(A);
      const cb = center(B);
      const control = { x: (ca.x + cb.x) / 2 + nx * off * 2, y: (ca.y + cb.y) / 2 + ny * off * 2 };
      const start = exitPoint(A, control);
      const end = exitPoint(B, control);
      const mid = {
        x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x,
        y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y,
      };
      arrows.push({ action: e.action, from: e.from, to: e.to, start, control, end, mid });
    });
  }

  // Bounds over boxes and arrow labels (a bent arrow may leave the grid).
  const xs = [0, ...boxes.map((b) => b.x + b.w + PAD), ...arrows.map((a) => a.mid.x + 70)];
  const ys = [0, ...boxes.map((b) => b.y + b.h + PAD), ...arrows.map((a) => a.mid.y + 20)];
  const minX = Math.min(0, ...arrows.map((a) => a.mid.x - 70));
  const minY = Math.min(0, ...arrows.map((a) => a.mid.y - 20));
  return { boxes, arrows, minX, minY, width: Math.max(...xs) - minX, height: Math.max(...ys) - minY };
}
