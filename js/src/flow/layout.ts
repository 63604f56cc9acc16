// Where the flow's parts go, as pure functions: steps in one row left to right (their order
// comes from Python), stages as bands behind them, forward transitions as arcs above the row,
// back-transitions as arcs below it, a step's loop to itself as a small arc on its top.

export interface FlowData {
  stages: string[];
  nodes: string[];
  /** Each node's stage (an index into `stages`), -1 for none. */
  stageOf: number[];
  from: number[];
  to: number[];
  count: number[];
  share: (number | null)[];
  median: (number | null)[];
}

export type EdgeKind = "forward" | "back" | "loop";

export interface NodeBox { x: number; y: number; w: number; h: number; cx: number }
export interface Band { stage: number; label: string; x: number; w: number }
export interface EdgeShape {
  kind: EdgeKind;
  d: string;
  width: number;
  /** A back edge's dash pattern (null for the others). */
  dash: string | null;
}

export interface FlowLayout {
  width: number;
  height: number;
  nodes: NodeBox[];
  bands: Band[];
  edges: EdgeShape[];
  /** Per node, the edges that end there and those that start there (loops in both). */
  inEdges: number[][];
  outEdges: number[][];
  maxCount: number;
}

export const COLUMN = 132;
export const NODE_W = 112;
export const NODE_H = 40;
export const PAD = 12;
export const BAND_LABEL = 22;
/** The tallest arc, above or below the row: long jumps flatten out rather than grow. */
export const ARC_MAX = 150;
export const ARC_MIN = 26;
export const LOOP_H = 22;
export const MAX_WIDTH = 14;

const texts = (value: unknown): string[] => (Array.isArray(value) ? value.map((v) => String(v)) : []);
const ints = (value: unknown): number[] =>
  Array.isArray(value) ? value.map((v) => (typeof v === "number" && Number.isInteger(v) ? v : -1)) : [];
const numbers = (value: unknown): (number | null)[] =>
  Array.isArray(value) ? value.map((v) => (typeof v === "number" && Number.isFinite(v) ? v : null)) : [];

/** The `_flow` trait as the view reads it; anything malformed reads as nothing. */
export function decodeFlow(raw: unknown): FlowData {
  const r = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const nodes = texts(r.nodes);
  const stages = texts(r.stages);
  const stageOf = ints(r.stage_of).map((s) => (s >= 0 && s < stages.length ? s : -1));
  while (stageOf.length < nodes.length) stageOf.push(-1);
  const from = ints(r.from);
  const to = ints(r.to);
  const count = numbers(r.count);
  const share = numbers(r.share);
  const median = numbers(r.median_seconds);
  const ok = (i: number) => from[i] >= 0 && from[i] < nodes.length && to[i] >= 0 && to[i] < nodes.length && count[i] !== null;
  const keep = [...from.keys()].filter(ok);
  return {
    stages, nodes, stageOf: stageOf.slice(0, nodes.length),
    from: keep.map((i) => from[i]), to: keep.map((i) => to[i]), count: keep.map((i) => count[i] as number),
    share: keep.map((i) => share[i] ?? null), median: keep.map((i) => median[i] ?? null),
  };
}

export function edgeKind(from: number, to: number): EdgeKind {
  return from === to ? "loop" : to < from ? "back" : "forward";
}

/** Stroke width on a square-root scale: an edge with a quarter of the top count is half as wide. */
export function strokeWidth(count: number, maxCount: number): number {
  if (!(maxCount > 0) || !(count > 0)) return 1;
  return 1 + (MAX_WIDTH - 1) * Math.sqrt(Math.min(count, maxCount) / maxCount);
}

/** Whether each edge shows under a threshold: rarer than `minCount` is hidden. */
export function shownEdges(count: readonly number[], minCount: number): boolean[] {
  return count.map((c) => c >= minCount);
}

/** Dashes on a back edge: 6 4 on short ones, longer on long ones, so none has more than
 * MAX_DASHES (a long dashed curve is dashed again for every tile it crosses: with 6 4 on a
 * flow of 300 steps, rastering took seconds). */
export const MAX_DASHES = 80;

export function dashPattern(span: number, width = 1): string {
  const length = span * COLUMN + 1.5 * arcHeight(span);
  const unit = Math.max(10, length / MAX_DASHES);
  // Gaps at least as wide as the stroke, so a thick back edge still reads as dashed.
  const dash = Math.max(unit * 0.6, 1.5 * width);
  const gap = Math.max(unit * 0.4, width + 2);
  return `${+dash.toFixed(1)} ${+gap.toFixed(1)}`;
}

function arcHeight(span: number): number {
  return Math.min(ARC_MAX, ARC_MIN + span * COLUMN * 0.3);
}

export function layoutFlow(data: FlowData): FlowLayout {
  const n = data.nodes.length;
  const hasStages = data.stageOf.some((s) => s >= 0);
  const kinds = data.from.map((a, i) => edgeKind(a, data.to[i]));
  const spans = data.from.map((a, i) => Math.abs(data.to[i] - a));
  // Room above and below the row for the tallest arc drawn there (a cubic's peak is 3/4 of
  // its control points' height), so a flow with short jumps is not drawn in a tall empty box.
  let up = kinds.includes("loop") ? LOOP_H : 0;
  let down = 0;
  kinds.forEach((kind, i) => {
    if (kind === "forward") up = Math.max(up, 0.75 * arcHeight(spans[i]));
    if (kind === "back") down = Math.max(down, 0.75 * arcHeight(spans[i]));
  });
  const top = (hasStages ? BAND_LABEL : 0) + up + MAX_WIDTH;
  const nodes: NodeBox[] = data.nodes.map((_, i) => {
    const x = PAD + i * COLUMN + (COLUMN - NODE_W) / 2;
    return { x, y: top, w: NODE_W, h: NODE_H, cx: x + NODE_W / 2 };
  });
  const bands: Band[] = [];
  for (let i = 0; i < n; i++) {
    const stage = data.stageOf[i];
    const last = bands[bands.length - 1];
    if (stage < 0) continue;
    if (last && last.stage === stage && data.stageOf[i - 1] === stage) last.w += COLUMN;
    else bands.push({ stage, label: data.stages[stage] ?? "", x: PAD + i * COLUMN, w: COLUMN });
  }
  const maxCount = data.count.reduce((m, c) => Math.max(m, c), 0);
  const inEdges: number[][] = data.nodes.map(() => []);
  const outEdges: number[][] = data.nodes.map(() => []);
  const quarter = NODE_W / 4;
  const edges = data.from.map((a, i): EdgeShape => {
    const b = data.to[i];
    outEdges[a].push(i);
    inEdges[b].push(i);
    const kind = kinds[i];
    const width = strokeWidth(data.count[i], maxCount);
    const A = nodes[a];
    const B = nodes[b];
    let d: string;
    if (kind === "loop") {
      const y = A.y;
      d = `M${A.cx - 8} ${y}C${A.cx - 22} ${y - LOOP_H} ${A.cx + 22} ${y - LOOP_H} ${A.cx + 8} ${y}`;
    } else if (kind === "forward") {
      // Out of the right half of a step, into the left half of the next one.
      const x1 = A.cx + quarter;
      const x2 = B.cx - quarter;
      const y = A.y;
      const h = arcHeight(spans[i]);
      d = `M${x1} ${y}C${x1} ${y - h} ${x2} ${y - h} ${x2} ${y}`;
    } else {
      const x1 = A.cx - quarter;
      const x2 = B.cx + quarter;
      const y = A.y + NODE_H;
      const h = arcHeight(spans[i]);
      d = `M${x1} ${y}C${x1} ${y + h} ${x2} ${y + h} ${x2} ${y}`;
    }
    return { kind, d, width, dash: kind === "back" ? dashPattern(spans[i], width) : null };
  });
  return {
    width: PAD * 2 + Math.max(1, n) * COLUMN,
    height: top + NODE_H + down + MAX_WIDTH + PAD,
    nodes, bands, edges, inEdges, outEdges, maxCount,
  };
}

/** The edges to draw for the columns [start, end) in view: those reaching into them. */
export function edgesInWindow(from: readonly number[], to: readonly number[], window: [number, number]): number[] {
  const [start, end] = window;
  const out: number[] = [];
  for (let i = 0; i < from.length; i++) {
    if (Math.min(from[i], to[i]) < end && Math.max(from[i], to[i]) >= start) out.push(i);
  }
  return out;
}

/** The node focus goes to from `index` after a key, or null for a key that does not move it. */
export function nextNode(index: number, key: string, n: number): number | null {
  if (n === 0) return null;
  switch (key) {
    case "ArrowRight": case "ArrowDown": return Math.min(n - 1, index + 1);
    case "ArrowLeft": case "ArrowUp": return Math.max(0, index - 1);
    case "Home": return 0;
    case "End": return n - 1;
    default: return null;
  }
}

/** `text` cut to about `chars` characters, with an ellipsis when cut (whole code points). */
export function clip(text: string, chars: number): string {
  const points = Array.from(text);
  return points.length <= chars ? text : points.slice(0, Math.max(1, chars - 1)).join("") + "…";
}
