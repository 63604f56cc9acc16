// Pure geometry of the emotion curve: step positions, scales, persona lines, monotone paths.

import { alignTracks } from "../shared/align";
import type { Curve } from "./wire";

export type LineKind = "assumed" | "measured";

export interface StageBand {
  name: string;
  /** First position of the stage, and how many positions it spans. */
  start: number;
  count: number;
}

export interface CurveLayout {
  /** The x axis: one entry per aligned column of the lines' steps (see `layoutSteps`). */
  steps: { stage: string; step: string }[];
  stages: StageBand[];
  /** The position (index into `steps`) of each row of the table. */
  positionOfRow: number[];
}

/**
 * The curve's lines as tracks: one per persona and state (persona order, then the states'
 * order, current first), each holding its rows in map order (stage order, then row order).
 */
export function curveTracks(c: Curve): { persona: string | null; state: string | null; rows: number[] }[] {
  const personas: (string | null)[] = c.persona ? c.personas : [null];
  const states: (string | null)[] = c.state && c.states && c.states.length ? c.states : [null];
  const index = new Map<string, number>();
  const tracks: { persona: string | null; state: string | null; rows: number[] }[] = [];
  for (const persona of personas) {
    for (const state of states) {
      index.set(`${persona}\u0000${state}`, tracks.length);
      tracks.push({ persona, state, rows: [] });
    }
  }
  const rank = new Map<string, number>();
  c.stages.forEach((s, i) => { if (!rank.has(s)) rank.set(s, i); });
  const rows = c.ids.map((_, row) => row);
  const stageRank = (row: number) => rank.get(c.stage[row]) ?? c.stages.length;
  rows.sort((a, b) => stageRank(a) - stageRank(b) || a - b);
  for (const row of rows) {
    const persona = c.persona ? c.persona[row] : null;
    const state = c.state && c.states && c.states.length ? c.state[row] : null;
    const t = index.get(`${persona}\u0000${state}`);
    if (t !== undefined) tracks[t].rows.push(row);
  }
  return tracks;
}

/**
 * The x axis shared by every line, as the map's compare mode aligns personas (shared/align.ts,
 * and cjm_widgets.widgets.curve.step_positions): stages in map order; inside a stage, each
 * line's steps merged into the columns so far by longest common subsequence of step names, so
 * a step several lines share is one position and every line keeps its own order. A line's
 * step the others lack is a position of its own; their lines run on past it (dotted, see
 * `linePaths`).
 */
export function layoutSteps(c: Curve): CurveLayout {
  const tracks = curveTracks(c);
  const columns = alignTracks(c.stages, tracks.map((track) =>
    track.rows.map((row) => ({ id: row, key: c.step[row], stage: c.stage[row] }))));
  const positionOfRow = new Array<number>(c.ids.length).fill(0);
  const steps = columns.map((column, i) => {
    let first: number | null = null;
    for (const row of column.ids) {
      if (row === null) continue;
      positionOfRow[row] = i;
      first ??= row;
    }
    return { stage: column.stage, step: first === null ? column.key : c.step[first] };
  });
  const stages: StageBand[] = [];
  steps.forEach((s, i) => {
    const last = stages[stages.length - 1];
    if (last && last.name === s.stage) last.count++;
    else stages.push({ name: s.stage, start: i, count: 1 });
  });
  return { steps, stages, positionOfRow };
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
  /** Place on the x axis (index into CurveLayout.steps). */
  position: number;
  /** The value the line draws (the mean where measured, in the measured line). */
  value: number | null;
  /** The team's value from the emotion column. */
  assumed: number | null;
  measured: boolean;
  n: number | null;
  mean: number | null;
  ci_low: number | null;
  ci_high: number | null;
}

export interface PersonaLine {
  persona: string | null;
  /** The line's state in a journey comparing two (null: one state). */
  state: string | null;
  /** Which of the states it is: 0 current (solid), 1 future (dashed). */
  stateIndex: number;
  /** The persona's place, which picks the line's colour. */
  colour: number;
  index: number;
  points: LinePoint[];
}

/**
 * One line per persona and state (one line when there are neither), points in x order: a
 * line joins its own consecutive steps, passing over positions only other lines have.
 */
export function personaLines(c: Curve, layout: CurveLayout, line: LineKind): PersonaLine[] {
  const ev = c.evidence;
  const personas: (string | null)[] = c.persona ? c.personas : [null];
  return curveTracks(c).map((track, index) => {
    const points = track.rows.map((row): LinePoint => {
      const n = ev ? ev.n[row] : null;
      const measured = n !== null && n > 0 && ev !== null && ev.mean[row] !== null;
      const assumed = c.emotion[row];
      const mean = ev ? ev.mean[row] : null;
      return {
        row, id: c.ids[row], position: layout.positionOfRow[row],
        value: line === "measured" && measured ? mean : assumed,
        assumed, measured, n, mean,
        ci_low: ev ? ev.ci_low[row] : null,
        ci_high: ev ? ev.ci_high[row] : null,
      };
    });
    return {
      persona: track.persona,
      state: track.state,
      stateIndex: track.state === null ? 0 : Math.max(0, (c.states ?? []).indexOf(track.state)),
      colour: Math.max(0, personas.indexOf(track.persona)),
      index,
      points: points.sort((a, b) => a.position - b.position || a.row - b.row),
    };
  });
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

/** Positions [start, end) to draw; pieces that reach into it are drawn whole. */
export type PositionRange = [number, number];

const ALL: PositionRange = [-Infinity, Infinity];

function overlaps(a: LinePoint, b: LinePoint, [start, end]: PositionRange): boolean {
  return a.position < end && b.position >= start;
}

/**
 * SVG path data of one line, cut into solid, dashed and dotted parts: a piece is dotted where
 * the line has no step of its own at a position it passes (another line's step: the line runs
 * on to its next step), else solid when `solid(a, b)` holds for its two end points, else
 * dashed. A step without a value is left out: the line joins its valued steps over it, as over
 * steps it does not have (a missing value is not a 0, nor a break in the journey). Tangents
 * come from the whole line, so a windowed draw joins up with the next one.
 */
export function linePaths(
  points: LinePoint[],
  xOf: (position: number) => number,
  y: (v: number) => number,
  solid: (a: LinePoint, b: LinePoint) => boolean,
  range: PositionRange = ALL,
): { solid: string; dashed: string; dotted: string } {
  const parts = { solid: [] as string[], dashed: [] as string[], dotted: [] as string[] };
  // How many of the line's own steps (valued or not) stand at or before each point.
  const own = new Map<LinePoint, number>();
  points.forEach((p, i) => own.set(p, i));
  const skips = (a: LinePoint, b: LinePoint) => b.position - a.position > own.get(b)! - own.get(a)!;
  let run: LinePoint[] = [];
  const flush = () => {
    const pieces = monotone(run.map((p) => xOf(p.position)), run.map((p) => y(p.value!)));
    let last: { kind: keyof typeof parts; index: number } | null = null;
    pieces.forEach((b, i) => {
      if (!overlaps(run[i], run[i + 1], range)) return;
      const kind = skips(run[i], run[i + 1]) ? "dotted" : solid(run[i], run[i + 1]) ? "solid" : "dashed";
      const out = parts[kind];
      if (last === null || last.kind !== kind || last.index !== i - 1) out.push(`M${r(b.x0)},${r(b.y0)}`);
      out.push(`C${r(b.c1x)},${r(b.c1y)} ${r(b.c2x)},${r(b.c2y)} ${r(b.x1)},${r(b.y1)}`);
      last = { kind, index: i };
    });
    run = [];
  };
  for (const p of points) if (p.value !== null && Number.isFinite(p.value)) run.push(p);
  flush();
  return { solid: parts.solid.join(""), dashed: parts.dashed.join(""), dotted: parts.dotted.join("") };
}

/** Half the width of an interval's caps, in px. */
const CAP = 3;

const hasInterval = (p: LinePoint): boolean => p.measured && p.ci_low !== null && p.ci_high !== null
  && Number.isFinite(p.ci_low) && Number.isFinite(p.ci_high);

/**
 * A horizontal offset (px) per line and position for marks several lines put at one step
 * (`which`): `spacing` apart in persona order, centred on the step; 0 where one line has one.
 */
export function dodge(lines: PersonaLine[], which: (p: LinePoint) => boolean, spacing: number): (line: number, position: number) => number {
  const at = new Map<number, number[]>();
  for (const line of lines) {
    for (const p of line.points) {
      if (!which(p)) continue;
      const list = at.get(p.position);
      if (!list) at.set(p.position, [line.index]);
      else if (!list.includes(line.index)) list.push(line.index);
    }
  }
  return (line, position) => {
    const list = at.get(position);
    if (!list || list.length < 2) return 0;
    const k = [...list].sort((a, b) => a - b).indexOf(line);
    return k < 0 ? 0 : (k - (list.length - 1) / 2) * spacing;
  };
}

/** Offsets that keep personas' 95% whiskers at a shared step apart (see `dodge`). */
export const intervalDodge = (lines: PersonaLine[], spacing: number) => dodge(lines, hasInterval, spacing);

/**
 * The 95% interval of each measured point as a whisker (a vertical bar with caps) at its own
 * step (moved `dx` px aside where another persona's whisker shares it), clipped to the scale: an interval belongs to one step, so nothing is drawn between
 * steps, where nothing was measured.
 */
export function intervalPaths(
  points: LinePoint[],
  xOf: (position: number) => number,
  y: (v: number) => number,
  [start, end]: PositionRange = ALL,
  dx: (position: number) => number = () => 0,
): { id: number; position: number; d: string }[] {
  const out: { id: number; position: number; d: string }[] = [];
  for (const p of points) {
    if (!hasInterval(p) || p.position < start || p.position >= end) continue;
    const x = r(xOf(p.position) + dx(p.position));
    const [top, bottom] = [r(y(p.ci_high!)), r(y(p.ci_low!))];
    out.push({
      id: p.id,
      position: p.position,
      d: `M${r(x - CAP)},${top}H${r(x + CAP)}M${x},${top}V${bottom}M${r(x - CAP)},${bottom}H${r(x + CAP)}`,
    });
  }
  return out;
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

/** Horizontal geometry: step width and plot width for `count` steps in `available` px. */
export function xLayout(count: number, available: number, minStep: number): { step: number; width: number } {
  const step = Math.max(minStep, count > 0 ? available / count : available);
  return { step, width: Math.max(available, step * count) };
}
