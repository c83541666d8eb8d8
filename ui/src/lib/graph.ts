// Layout of the dependency diagram: providers, systems and processes in three
// columns, each node at the mean height of its neighbours where it can be, so
// edges cross as little as a simple pass allows. Pure, unit-tested.
import type { GraphEdgeDto, GraphNodeDto } from "./bindings";

export interface Placed {
  node: GraphNodeDto;
  x: number;
  y: number;
}

export interface Layout {
  width: number;
  height: number;
  nodes: Placed[];
  edges: { edge: GraphEdgeDto; from: Placed; to: Placed }[];
}

export const NODE_W = 190;
export const NODE_H = 34;
const GAP_Y = 14;
const COLUMNS = ["provider", "system", "process"] as const;

/** Places every node; edges whose ends are missing are dropped. */
export function layout(nodes: readonly GraphNodeDto[], edges: readonly GraphEdgeDto[], width = 900): Layout {
  const columnX = (i: number) => 10 + (i * (width - NODE_W - 20)) / (COLUMNS.length - 1);
  const byColumn = COLUMNS.map((kind) => nodes.filter((n) => n.kind === kind));
  const order = new Map<string, number>();
  byColumn[0]!.forEach((n, i) => order.set(n.key, i));
  // Systems and processes: order by the mean position of what points at them.
  for (const column of [1, 2]) {
    const ranked = byColumn[column]!.map((n, i) => {
      const sources = edges.filter((e) => e.to === n.key && order.has(e.from)).map((e) => order.get(e.from)!);
      const mean = sources.length > 0 ? sources.reduce((a, b) => a + b, 0) / sources.length : Number.MAX_SAFE_INTEGER;
      return { n, mean, i };
    });
    ranked.sort((a, b) => a.mean - b.mean || a.i - b.i);
    byColumn[column] = ranked.map((r) => r.n);
    byColumn[column]!.forEach((n, i) => order.set(n.key, i));
  }
  const tallest = Math.max(1, ...byColumn.map((c) => c.length));
  const height = tallest * (NODE_H + GAP_Y) + GAP_Y;
  const placed = new Map<string, Placed>();
  byColumn.forEach((column, ci) => {
    const top = (height - column.length * (NODE_H + GAP_Y) + GAP_Y) / 2;
    column.forEach((node, i) => placed.set(node.key, { node, x: columnX(ci), y: top + i * (NODE_H + GAP_Y) }));
  });
  const placedEdges = edges.flatMap((edge) => {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    return from && to ? [{ edge, from, to }] : [];
  });
  return { width, height, nodes: [...placed.values()], edges: placedEdges };
}

/** A cubic path from the right side of one node to the left side of another (or a loop within a column). */
export function edgePath(from: Placed, to: Placed): string {
  const sameColumn = Math.abs(from.x - to.x) < 1;
  const y1 = from.y + NODE_H / 2;
  const y2 = to.y + NODE_H / 2;
  if (sameColumn) {
    const x = from.x + NODE_W;
    return `M${x},${y1} C${x + 40},${y1} ${x + 40},${y2} ${x},${y2}`;
  }
  const x1 = from.x + NODE_W;
  const x2 = to.x;
  const mid = (x1 + x2) / 2;
  return `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
}
