// The journey as Python sends it (cjm_widgets/widgets/wire.py), and the ops sent back.

export type CellValue = string | number | boolean | null;

/** A lane kind's name, as Python's registry names it; map/lanes/index.ts knows what each draws. */
export type LaneKind = string;
export type DtypeName = "text" | "integer" | "number" | "bool" | "category" | "date";

export interface LaneSpec {
  key: string;
  label: string;
  kind: LaneKind;
  dtype: DtypeName;
  options?: string[];
  /** How a number lane shows its values (missing: plain numbers). */
  format?: NumberFormat;
  /** What a priority lane holds: ranks (1 = act first) or quadrants. */
  priority?: "rank" | "quadrant";
  /** A quadrant lane's quadrants in acting order, each with what it means. */
  quadrants?: [string, string][];
  /** A rank lane's largest rank (Python's MAX_RANK). */
  max_rank?: number;
  /** What a rank lane accepts, in Python's words. */
  rank_hint?: string;
  /** The lane's group in a service blueprint (see map/blueprint.ts); absent: none. */
  group?: string;
}

export interface NumberFormat {
  style: "number" | "percent" | "duration";
  /** Decimals to show; null: as many as the value needs (see lanes/number.ts). */
  digits: number | null;
}

/** What every view gets: row ids and each row's stage, step and persona (see encode_steps). */
export interface Steps {
  revision: number;
  ids: number[];
  stage: string[];
  step: string[];
  persona: string[] | null;
  stages: string[];
  personas: string[];
  /** Each row's state, in a journey comparing two (absent or null: one state). */
  state?: string[] | null;
  /** The two states in order, current first (e.g. ["current", "future"]). */
  states?: string[];
}

/** What changed between the current and the future state, for one future row or one removed
 * current row (cjm_widgets/widgets/states.py: diff_rows, from journey_diff). */
export interface DiffRow {
  /** The row: the future row, or the current row of a removed step. */
  id: number;
  /** The same step's row in the other state (null: added or removed). */
  pair: number | null;
  mark: "added" | "removed" | "moved" | "changed" | null;
  /** Whether the step's place changed too (a step can be both moved and changed). */
  moved?: boolean;
  /** Keys of the lanes whose value changed. */
  changed: string[];
  /** [lane key, future − current]; shares in points (×100). */
  deltas: [string, number][];
}

/** One step of the priorities panel, by row id, with its text (see encode_priorities). */
export interface PriorityItem {
  id: number;
  pain?: string | null;
  opportunity?: string | null;
  owner?: string | null;
}

/** The steps to act on first, each persona's in acting order; `lane` is the priority lane's key. */
export interface Priorities {
  lane: string;
  items: PriorityItem[];
}

export interface Journey extends Steps {
  lanes: LaneSpec[];
  /** `cells[i]` holds lane i's values, one per row. */
  cells: CellValue[][];
  step_key: string;
  emotion: string | null;
  /** The map is laid out as a service blueprint: its lines are drawn (absent: not). */
  blueprint?: boolean;
  scale: [number, number];
  /** Null when the map has no priority lane. */
  priorities: Priorities | null;
  /** Each row's branch (null: the main path); absent or null when the map has no branches. */
  branch?: (string | null)[] | null;
  /** Each branch's share of its stage's customers: [stage, branch, share 0…1, persona?]. */
  /** [stage, branch, share, persona, state]: the persona with personas (null without, when
   *  the state follows), the state with a state column; shares are per persona and state. */
  branch_share?: [string, string, number, (string | null)?, string?][];
  /** The current/future comparison, one entry per future row and removed current row. */
  diff?: DiffRow[] | null;
  /** Each row's step key when steps are matched by an id column (else the step label). */
  keys?: string[] | null;
}

export type EditOp =
  | { kind: "set_cell"; id: number; column: string; value: CellValue }
  | { kind: "set_emotion"; id: number; value: number | null }
  | { kind: "set_moment"; id: number; column: string; value: CellValue }
  // `lang`: the language the new step's or stage's default name is in ("New step", "Nouvelle étape").
  | { kind: "insert_step"; after: number; lang?: string }
  | { kind: "delete_step"; id: number }
  | { kind: "move_step"; id: number; direction: -1 | 1 }
  | { kind: "rename_stage"; stage: string; name: string }
  // `state`: the state the new stage's step goes to, in a journey comparing two.
  | { kind: "add_stage"; after: string | null; name?: string; lang?: string; state?: string };

export type Outgoing =
  | { type: "edit"; request: number; op: EditOp }
  | { type: "undo" | "redo"; request: number };

export interface EditResult {
  type: "edit_result";
  request: number;
  ok: boolean;
  /** Why an edit was refused (ok: false), in English. */
  message?: string;
  /** The refusal's message id (shared/i18n.ts) and its parameters, for the known ones. */
  code?: string;
  params?: Record<string, unknown>;
  /** Something to tell the user about a done edit, not an error (e.g. what an undo undid). */
  notice?: string;
  /** The notice's message id, when the views have it in their languages. */
  notice_code?: string;
  /** After an undo or redo: what it changed (an "undone" message), for the notice's words. */
  undone?: unknown;
  /** The row an undo or redo touched, when it still exists: the view moves its focus there. */
  focus?: number;
}

const NO_STEPS: Steps = { revision: 0, ids: [], stage: [], step: [], persona: null, stages: [], personas: [] };

const EMPTY: Journey = {
  ...NO_STEPS,
  lanes: [],
  cells: [],
  step_key: "step",
  emotion: null,
  scale: [-3, 3],
  priorities: null,
};

/** The journey from the model's state, tolerating a missing or partial value. */
export function decodeJourney(value: unknown): Journey {
  if (value === null || typeof value !== "object") return EMPTY;
  const j = { ...EMPTY, ...(value as Partial<Journey>) };
  if (!Array.isArray(j.ids)) return EMPTY;
  if (!Array.isArray(j.lanes)) j.lanes = [];
  j.cells = laneCells(j.lanes, (value as { cells?: unknown }).cells);
  j.priorities = priorities(j.priorities);
  return j;
}

function priorities(value: unknown): Priorities | null {
  if (value === null || typeof value !== "object") return null;
  const p = value as Partial<Priorities>;
  if (typeof p.lane !== "string" || !Array.isArray(p.items)) return null;
  return { lane: p.lane, items: p.items.filter((item) => typeof item?.id === "number") };
}

/**
 * Lane values parallel to `lanes`. Also reads the older wire, an object keyed by lane key,
 * looking only at its own properties (a lane named "constructor" must not find a function).
 */
function laneCells(lanes: LaneSpec[], cells: unknown): CellValue[][] {
  const column = (v: unknown): CellValue[] => (Array.isArray(v) ? (v as CellValue[]) : []);
  if (Array.isArray(cells)) return lanes.map((_, i) => column(cells[i]));
  if (cells === null || typeof cells !== "object") return lanes.map(() => []);
  return lanes.map((lane) => column(Object.prototype.hasOwnProperty.call(cells, lane.key)
    ? (cells as Record<string, unknown>)[lane.key] : undefined));
}

export function isEditResult(msg: unknown): msg is EditResult {
  return (
    typeof msg === "object" && msg !== null && (msg as { type?: unknown }).type === "edit_result"
  );
}
