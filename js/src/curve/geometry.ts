// Pure geometry of the emotion curve: step slots, scales, persona lines, monotone paths.

import type { Curve } from "../shared/wire";

export type LineKind = "assumed" | "measured";

export interface StageBand {
  name: string;
  /** First slot of the stage, and how many slots it spans. */
  start: number;
  count: number;
}

export interface CurveLayout {
  /** One slot per (stage, step), in stage order then first appearance: the x axis. */
  slots: { stage: string; step: string }[];
  stages: StageBand[];
  /** The slot of each row of the table. */
  slotOfRow: number[];
}

/** Steps on the x axis, shared by every persona (as cjm_widgets.curve.step_positions). */
export function layoutSlots(c: Curve): CurveLayout {
  const rank = new Map<string, number>();
  c.stages.forEach((s, i) => rank.set(s, i));
  const first = new Map<string, { stage: string; step: string; rank: number; row: number }>();
  const keys: string[] = [];
  for (let row = 0; row < c.ids.length; row++) {
    const key = `${c.stage[row]}\u0000${c.step[row]}`;
    keys.push(key);
    if (!first.has(key)) {
      first.set(key, { stage: c.stage[row], step: c.step[row], rank: rank.get(c.stage[row]) ?? c.stages.length, row });
    }
  }
  const ordered = [...first.entries()].sort((a, b) => a[1].rank - b[1].rank || a[1].row - b[1].row);
  const place = new Map<string, number>();
  const slots = ordered.map(([key, v], i) => {
    place.set(key, i);
    return { stage: v.stage, step: v.step };
  });
  const stages: StageBand[] = [];
  slots.forEach((s, i) => {
    const last = stages[stages.length - 1];
    if (last && last.name === s.stage) last.count++;
    else stages.push({ name: s.stage, start: i, count: 1 });
  });
  return { slots, stages, slotOfRow: keys.map((k) => place.get(k)!) };
}

export interface YScale {
  lo: number;
  hi: number;
  top: number;
  bottom: number;
  y(v: number): number;
  value(y: number): number;
}

/** The emotion scale mapped onto [top, bottom] pixels, high values at the top. */
export function yScale([lo, hi]: [number, number], top: number, bottom: number): YScale {
  const span = hi - lo || 1;
  return {
    lo,
    hi,
    top,
    bottom,
    y: (v) => bottom - ((Math.max(lo, Math.min(hi, v)) - lo) / span) * (bottom - top),
    value: (y) => lo + ((bottom - y) / (bottom - top || 1)) * span,
  };
}

/** A dragged or stepped value: whole scale steps when snapping, else tenths; on the scale. */
export function stepValue(v: number, [lo, hi]: [number, number], snap: boolean): number {
  const rounded = snap ? lo + Math.round(v - lo) : Math.round(v * 10) / 10;
  return Math.max(lo, Math.min(hi, rounded));
}

/** The neutral value: 0 when the scale spans it, else the scale's middle. */
export function neutral([lo, hi]: [number, number]): number {
  return lo <= 0 && 0 <= hi ? 0 : (lo + hi) / 2;
}

export interface LinePoint {
  row: number;
  id: number;
  slot: number;
  /** The value the line draws (the mean where measured, in the measured line). */
  value: number | null;
  /** The team's value from the emotion column. */
  assumed: number | null;
  measured: boolean;
  n: number | null;
  mean: number | null;
  low: number | null;
  high: number | null;
}

export interface PersonaLine {
  persona: string | null;
  index: number;
  points: LinePoint[];
}

/** One line per persona (one line when there are none), points in slot order. */
export function personaLines(c: Curve, layout: CurveLayout, line: LineKind): PersonaLine[] {
  const names: (string | null)[] = c.persona ? c.personas : [null];
  const byPersona = new Map<string | null, LinePoint[]>(names.map((p) => [p, []]));
  const ev = c.evidence;
  for (let row = 0; row < c.ids.length; row++) {
    const persona = c.persona ? c.persona[row] : null;
    const bucket = byPersona.get(persona);
    if (!bucket) continue;
    const n = ev ? ev.n[row] : null;
    const measured = n !== null && n > 0 && ev !== null && ev.mean[row] !== null;
    const assumed = c.emotion[row];
    const mean = ev ? ev.mean[row] : null;
    bucket.push({
      row, id: c.ids[row], slot: layout.slotOfRow[row],
      value: line === "measured" && measured ? mean : assumed,
      assumed, measured, n, mean,
      low: ev ? ev.low[row] : null,
      high: ev ? ev.high[row] : null,
    });
  }
  return names.map((persona, index) => ({
    persona,
    index,
    points: byPersona.get(persona)!.sort((a, b) => a.slot - b.slot || a.row - b.row),
  }));
}

/** Whether the other line differs from this one anywhere (then both are drawn). */
export function linesDiffer(points: LinePoint[]): boolean {
  return points.some((p) => p.measured && p.mean !== null && p.assumed !== null && Math.abs(p.mean - p.assumed) > 1e-9);
}

export interface Bezier {
  x0: number; y0: number; c1x: number; c1y: number; c2x: number; c2y: number; x1: number; y1: number;
}

function sign(v: number): number {
  return v < 0 ? -1 : v > 0 ? 1 : 0;
}

/**
 * Monotone cubic pieces through the points (Steffen's method, as d3.curveMonotoneX):
 * each piece stays between its two end values, so the curve never overshoots the scale.
 */
export function monotone(xs: number[], ys: number[]): Bezier[] {
  const n = xs.length;
  if (n < 2) return [];
  const secant = (i: number) => (ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i] || 1);
  const tangents = new Array<number>(n).fill(0);
  for (let i = 1; i < n - 1; i++) {
    const h0 = xs[i] - xs[i - 1];
    const h1 = xs[i + 1] - xs[i];
    const s0 = secant(i - 1);
    const s1 = secant(i);
    const p = (s0 * h1 + s1 * h0) / (h0 + h1 || 1);
    tangents[i] = (sign(s0) + sign(s1)) * Math.min(Math.abs(s0), Math.abs(s1), 0.5 * Math.abs(p)) || 0;
  }
  if (n === 2) {
    tangents[0] = tangents[1] = secant(0);
  } else {
    tangents[0] = (3 * secant(0) - tangents[1]) / 2;
    tangents[n - 1] = (3 * secant(n - 2) - tangents[n - 2]) / 2;
  }
  const out: Bezier[] = [];
  for (let i = 0; i < n - 1; i++) {
    const h = (xs[i + 1] - xs[i]) / 3;
    out.push({
      x0: xs[i], y0: ys[i],
      c1x: xs[i] + h, c1y: ys[i] + tangents[i] * h,
      c2x: xs[i + 1] - h, c2y: ys[i + 1] - tangents[i + 1] * h,
      x1: xs[i + 1], y1: ys[i + 1],
    });
  }
  return out;
}

/** A point on a cubic piece at t in [0, 1] (for tests and hit checks). */
export function bezierAt(b: Bezier, t: number): [number, number] {
  const u = 1 - t;
  const x = u * u * u * b.x0 + 3 * u * u * t * b.c1x + 3 * u * t * t * b.c2x + t * t * t * b.x1;
  const y = u * u * u * b.y0 + 3 * u * u * t * b.c1y + 3 * u * t * t * b.c2y + t * t * t * b.y1;
  return [x, y];
}

const r = (v: number) => Math.round(v * 10) / 10;

/** Slots [start, end) to draw; pieces that reach into it are drawn whole. */
export type SlotRange = [number, number];

const ALL: SlotRange = [-Infinity, Infinity];

function overlaps(a: LinePoint, b: LinePoint, [start, end]: SlotRange): boolean {
  return a.slot < end && b.slot >= start;
}

/**
 * SVG path data of one persona's line, cut into solid and dashed parts: a piece is solid
 * when `solid(a, b)` holds for its two end points. A point without a value breaks the line.
 * Tangents come from the whole line, so a windowed draw joins up with the next one.
 */
export function linePaths(
  points: LinePoint[],
  xOf: (slot: number) => number,
  y: (v: number) => number,
  solid: (a: LinePoint, b: LinePoint) => boolean,
  range: SlotRange = ALL,
): { solid: string; dashed: string } {
  const parts = { solid: [] as string[], dashed: [] as string[] };
  let run: LinePoint[] = [];
  const flush = () => {
    const pieces = monotone(run.map((p) => xOf(p.slot)), run.map((p) => y(p.value!)));
    let last: { kind: "solid" | "dashed"; index: number } | null = null;
    pieces.forEach((b, i) => {
      if (!overlaps(run[i], run[i + 1], range)) return;
      const kind = solid(run[i], run[i + 1]) ? "solid" : "dashed";
      const out = parts[kind];
      if (last === null || last.kind !== kind || last.index !== i - 1) out.push(`M${r(b.x0)},${r(b.y0)}`);
      out.push(`C${r(b.c1x)},${r(b.c1y)} ${r(b.c2x)},${r(b.c2y)} ${r(b.x1)},${r(b.y1)}`);
      last = { kind, index: i };
    });
    run = [];
  };
  for (const p of points) {
    if (p.value === null || !Number.isFinite(p.value)) flush();
    else run.push(p);
  }
  flush();
  return { solid: parts.solid.join(""), dashed: parts.dashed.join("") };
}

/**
 * The 95% band of consecutive measured points, clipped to the scale: one closed shape per
 * run of two or more; a lone measured point gets an error bar instead.
 */
export function bandPaths(
  points: LinePoint[],
  xOf: (slot: number) => number,
  y: (v: number) => number,
  range: SlotRange = ALL,
): { bands: string; bars: string } {
  const bands: string[] = [];
  const bars: string[] = [];
  let run: LinePoint[] = [];
  const seg = (b: Bezier) => `C${r(b.c1x)},${r(b.c1y)} ${r(b.c2x)},${r(b.c2y)} ${r(b.x1)},${r(b.y1)}`;
  const flush = () => {
    const n = run.length;
    if (n === 1 && run[0].slot >= range[0] && run[0].slot < range[1]) {
      const p = run[0];
      bars.push(`M${r(xOf(p.slot))},${r(y(p.high!))}V${r(y(p.low!))}`);
    } else if (n > 1) {
      const xs = run.map((p) => xOf(p.slot));
      const top = monotone(xs, run.map((p) => y(p.high!)));
      const bottom = monotone([...xs].reverse(), run.map((p) => y(p.low!)).reverse());
      let from = -1;
      let to = -1;
      for (let i = 0; i < n - 1; i++) {
        if (!overlaps(run[i], run[i + 1], range)) continue;
        if (from < 0) from = i;
        to = i;
      }
      if (from >= 0) {
        // Bottom piece j runs backwards over top piece n - 2 - j.
        const back = bottom.slice(n - 2 - to, n - 1 - from);
        bands.push(`M${r(top[from].x0)},${r(top[from].y0)}${top.slice(from, to + 1).map(seg).join("")}`
          + `L${r(back[0].x0)},${r(back[0].y0)}${back.map(seg).join("")}Z`);
      }
    }
    run = [];
  };
  for (const p of points) {
    const ok = p.measured && p.low !== null && p.high !== null && Number.isFinite(p.low) && Number.isFinite(p.high);
    if (ok) run.push(p);
    else flush();
  }
  flush();
  return { bands: bands.join(""), bars: bars.join("") };
}

/** The lowest and highest drawn points of a line (first of ties), or null if flat or empty. */
export function extremes(points: LinePoint[]): { low: LinePoint; high: LinePoint } | null {
  let low: LinePoint | null = null;
  let high: LinePoint | null = null;
  for (const p of points) {
    if (p.value === null) continue;
    if (low === null || p.value < low.value!) low = p;
    if (high === null || p.value > high.value!) high = p;
  }
  if (low === null || high === null || low.value === high.value) return null;
  return { low, high };
}

/** Horizontal geometry: slot width and plot width for `count` steps in `available` px. */
export function xLayout(count: number, available: number, minStep: number): { step: number; width: number } {
  const step = Math.max(minStep, count > 0 ? available / count : available);
  return { step, width: Math.max(available, step * count) };
}
