// Tracks side by side: every persona (compare mode), or the current and future states of the
// persona shown (a comparison view), each lane drawn as one sub-row per track over columns
// aligned on the steps the tracks share (shared/align.ts). Pure: the view draws what this says.

import { alignTracks, type TrackStep } from "../shared/align";
import { formatEmotion, formatNumber } from "../shared/format";
import { t, type Lang, type MessageId } from "../shared/i18n";
import type { Journey, LaneSpec } from "../shared/wire";
import { groupTracks, rowBranches } from "./branches";
import { formatLaneNumber } from "./lanes/number";
import type { Column, MapLayout, StageGroup } from "./layout";

export type Mark = "added" | "removed" | "moved" | "changed";

/** One step's diff between states, as Python's journey_diff gives it (see wire.py). */
export interface DiffRow {
  id: number;
  pair: number | null;
  mark: Mark | null;
  /** Whether its place changed too: a step both moved and changed has mark "changed". */
  moved: boolean;
  changed: string[];
  deltas: [string, number][];
}

export interface CompareLayout extends MapLayout {
  /** What the tracks are: the journey's personas, or the states of the persona shown. */
  kind: "persona" | "state";
  /** The tracks' names (persona or state), in the order of their sub-rows. */
  tracks: string[];
  /** Per aligned column, the row id each track holds there (null: a gap). */
  ids: (number | null)[][];
  /** Per aligned column, the frame row each track holds there (-1: a gap). */
  rows: number[][];
  /** Per aligned column, the state diff's marks ([]: none, or no diff); a step both moved
   *  and changed has both, "moved" first. */
  marks: Mark[][];
  /** The diff by row id (empty without a diff). */
  diff: Map<number, DiffRow>;
}

const MARKS: ReadonlySet<string> = new Set(["added", "removed", "moved", "changed"]);

const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : null;

/** The comparison fields of a journey (absent or malformed: none), read without trusting them. */
export function statesOf(j: Journey): { state: string[]; states: string[]; keys: string[] | null; diff: DiffRow[] } | null {
  const raw = j as unknown as { state?: unknown; states?: unknown; keys?: unknown; diff?: unknown };
  const state = strings(raw.state);
  const states = strings(raw.states);
  if (!state || !states || states.length < 2 || state.length !== j.ids.length) return null;
  const keys = strings(raw.keys);
  return { state, states, keys: keys && keys.length === j.ids.length ? keys : null, diff: decodeDiff(raw.diff) };
}

function decodeDiff(value: unknown): DiffRow[] {
  if (!Array.isArray(value)) return [];
  const out: DiffRow[] = [];
  for (const d of value as Partial<DiffRow>[]) {
    if (typeof d !== "object" || d === null || typeof d.id !== "number") continue;
    out.push({
      id: d.id,
      pair: typeof d.pair === "number" ? d.pair : null,
      mark: typeof d.mark === "string" && MARKS.has(d.mark) ? d.mark : null,
      moved: d.moved === true || d.mark === "moved",
      changed: strings(d.changed) ?? [],
      deltas: Array.isArray(d.deltas)
        ? d.deltas.filter((x): x is [string, number] => Array.isArray(x) && typeof x[0] === "string" && typeof x[1] === "number")
        : [],
    });
  }
  return out;
}

/** Whether the personas can be compared: a persona column with two personas or more. */
export function canComparePersonas(j: Journey): boolean {
  return j.persona !== null && j.personas.length >= 2 && statesOf(j) === null;
}

/**
 * The tracks laid side by side, or null for the ordinary one-persona map: a journey with
 * states is always a comparison view (of the persona shown); personas are compared when
 * `compare` is on and there are two or more.
 */
export function compareLayout(j: Journey, persona: string | null, compare: boolean): CompareLayout | null {
  const states = statesOf(j);
  let kind: "persona" | "state";
  let tracks: string[];
  let trackOf: (row: number) => string | null;
  let keyOf = (row: number) => j.step[row];
  if (states) {
    kind = "state";
    tracks = states.states;
    trackOf = (row) => (j.persona && persona !== null && j.persona[row] !== persona ? null : states.state[row]);
    if (states.keys) keyOf = (row) => states.keys![row];
  } else if (compare && canComparePersonas(j)) {
    kind = "persona";
    tracks = j.personas;
    trackOf = (row) => j.persona![row];
  } else return null;
  const index = new Map(tracks.map((name, k) => [name, k]));
  const steps: TrackStep[][] = tracks.map(() => []);
  const rowOf = new Map<number, number>();
  // Each track's rows as its own map orders them: by stage, and within a stage its main path
  // first, then its alternative paths (branches.ts), so a main-path step never reads as part
  // of the path drawn before it.
  const byTrack: { row: number; stage: string }[][] = tracks.map(() => []);
  for (let row = 0; row < j.ids.length; row++) {
    const k = index.get(trackOf(row) ?? "\u0000");
    if (k === undefined) continue;
    byTrack[k].push({ row, stage: j.stage[row] });
    rowOf.set(j.ids[row], row);
  }
  const branches = rowBranches(j);
  byTrack.forEach((rows, k) => {
    const stagesOf = new Map<string, { row: number; stage: string }[]>();
    for (const r of rows) {
      const bucket = stagesOf.get(r.stage);
      if (bucket) bucket.push(r);
      else stagesOf.set(r.stage, [r]);
    }
    for (const bucket of stagesOf.values())
      for (const { row } of groupTracks(bucket, branches)) steps[k].push({ id: j.ids[row], key: keyOf(row), stage: j.stage[row] });
  });
  const aligned = alignTracks(j.stages, steps);
  const diff = new Map((states?.diff ?? []).map((d) => [d.id, d]));
  // A moved step's current row, which the alignment may set in a column of its own.
  const moved = new Set((states?.diff ?? []).filter((d) => d.moved && d.pair !== null).map((d) => d.pair!));
  const columns: Column[] = [];
  const stages: StageGroup[] = [];
  aligned.forEach((c, col) => {
    // The header names the step as the last track holding it does (a state's future name).
    const shown = kind === "state" ? [...c.ids].reverse().find((id) => id !== null) : c.ids.find((id) => id !== null);
    const row = rowOf.get(shown!)!;
    columns.push({ id: j.ids[row], row, step: j.step[row], stage: c.stage });
    const last = stages[stages.length - 1];
    if (last && last.name === c.stage) last.count++;
    else stages.push({ name: c.stage, start: col, count: 1 });
  });
  return {
    kind, tracks, columns, stages, diff,
    ids: aligned.map((c) => c.ids),
    rows: aligned.map((c) => c.ids.map((id) => (id === null ? -1 : rowOf.get(id)!))),
    marks: aligned.map((c) => columnMarks(c.ids, diff, moved)),
  };
}

/** A column's marks: its later states' diff entry first (a removed step's is its current
 * row's), "moved" beside "changed" for a step that is both; a moved step's current row, alone
 * in its column, is moved too. */
function columnMarks(ids: (number | null)[], diff: Map<number, DiffRow>, moved: Set<number>): Mark[] {
  for (let k = ids.length - 1; k >= 0; k--) {
    const d = ids[k] === null ? undefined : diff.get(ids[k]!);
    if (d?.mark) return d.mark === "changed" && d.moved ? ["moved", "changed"] : [d.mark];
  }
  return ids.some((id) => id !== null && moved.has(id)) ? ["moved"] : [];
}

/** The lane index and track of a visual grid row (1..lanes × tracks); row 0 is the step header. */
export function rowPlace(row: number, tracks: number): { lane: number; track: number } {
  return { lane: Math.floor((row - 1) / tracks), track: (row - 1) % tracks };
}

/** The visual grid row of a lane's sub-row for a track. */
export function visualRow(lane: number, track: number, tracks: number): number {
  return 1 + lane * tracks + track;
}

/** What a lane's sub-row shows in a column: the step of its track, or a gap. */
export type TrackCell = { type: "step"; id: number; row: number } | { type: "gap"; track: string };

export function trackCell(layout: CompareLayout, track: number, col: number): TrackCell {
  const id = layout.ids[col][track];
  return id === null ? { type: "gap", track: layout.tracks[track] } : { type: "step", id, row: layout.rows[col][track] };
}

/** The aligned column and track holding row id `id`, or null when it is not shown. */
export function placeOf(layout: CompareLayout, id: number): { col: number; track: number } | null {
  for (let col = 0; col < layout.ids.length; col++) {
    const track = layout.ids[col].indexOf(id);
    if (track >= 0) return { col, track };
  }
  return null;
}

/** A track's name as shown: a state's known name in the view's language, else as it is. */
export function trackLabel(layout: Pick<CompareLayout, "kind">, name: string, lang: Lang): string {
  if (layout.kind === "state" && (name === "current" || name === "future")) return t(lang, `compare.state.${name}`);
  return name;
}

const MARK_WORDS: ReadonlyMap<Mark, MessageId> = new Map<Mark, MessageId>([
  ["added", "compare.mark.added"], ["removed", "compare.mark.removed"],
  ["moved", "compare.mark.moved"], ["changed", "compare.mark.changed"],
]);

/** A shape per mark, beside its word, so that no mark is told by colour alone. */
export const MARK_SHAPES: ReadonlyMap<Mark, string> = new Map<Mark, string>([
  ["added", "+"], ["removed", "\u2212"], ["moved", "\u21c4"], ["changed", "\u270e"],
]);

export function markWord(mark: Mark, lang: Lang): string {
  return t(lang, MARK_WORDS.get(mark)!);
}

/** A difference with its sign, in the view's language: "+1.5", "−12" (a true minus). */
function signed(v: number, text: (x: number) => string): string {
  if (v === 0) return text(0);
  return (v > 0 ? "+" : "\u2212") + text(Math.abs(v));
}

/**
 * A future sub-row's delta as shown: points for a percent lane ("−12 pts", the wire gives
 * them ×100 already), the lane's unit for a duration, a plain signed number otherwise.
 */
export function deltaText(lane: LaneSpec, delta: number, lang: Lang): string {
  const style = lane.format?.style;
  if (lane.kind === "number" && style === "percent") {
    return t(lang, "compare.delta_pts", { delta: signed(delta, (x) => formatNumber(x, lang)) });
  }
  if (lane.kind === "number" && style === "duration") {
    return signed(delta, (x) => formatLaneNumber(x, lane.format, lang));
  }
  if (lane.kind === "emotion") return formatEmotion(delta, lang);
  return signed(delta, (x) => formatNumber(x, lang));
}

/** What a cell of a later state's sub-row adds: whether its value changed, and its delta. */
export function cellDiff(layout: CompareLayout, id: number, lane: LaneSpec, lang: Lang):
  { changed: boolean; delta: string | null } {
  const d = layout.diff.get(id);
  if (!d) return { changed: false, delta: null };
  const delta = d.deltas.find(([key]) => key === lane.key);
  const shows = lane.kind === "number" || lane.kind === "emotion";
  return {
    changed: d.changed.includes(lane.key),
    delta: delta && shows && Number.isFinite(delta[1]) ? deltaText(lane, delta[1], lang) : null,
  };
}

/** The row ids a click on a column selects: a lane cell its own step, the step header all of
 * the column's steps (each track's). */
export function selectedBy(layout: CompareLayout, col: number, track: number | null): number[] {
  const ids = layout.ids[col] ?? [];
  const picked = track === null ? ids : [ids[track] ?? null];
  return picked.filter((id): id is number => id !== null);
}

/** The persona an op made in a track means: its track's persona in compare mode. */
export function trackPersona(layout: CompareLayout, track: number, shown: string | null): string | null {
  return layout.kind === "persona" ? layout.tracks[track] ?? shown : shown;
}

/** The one-track layout of a track, for the toolbar's step actions (insert, delete, move). */
export function trackLayout(layout: CompareLayout, track: number): { layout: MapLayout; cols: number[] } {
  const columns: Column[] = [];
  const cols: number[] = [];
  const stages: StageGroup[] = [];
  layout.ids.forEach((ids, col) => {
    const id = ids[track];
    if (id === null) return;
    const stage = layout.columns[col].stage;
    const last = stages[stages.length - 1];
    if (last && last.name === stage) last.count++;
    else stages.push({ name: stage, start: columns.length, count: 1 });
    columns.push({ id, row: layout.rows[col][track], step: "", stage });
    cols.push(col);
  });
  return { layout: { columns, stages }, cols };
}
