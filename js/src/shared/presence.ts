// Several views of one widget (two browsers on one kernel, or one map shown twice): who is
// who, what Python meant for which view, and what the other views are doing.
//
// anywidget cannot send a message to one view only: every message reaches every view. So
// Python names the view an answer is for (`view`), and the others pass it by. The kernel
// keeps what each view said of itself in the synced `_presence` trait (view id -> the steps
// it selected, the cell it is editing, the persona it shows), so that each view can outline
// the others' work without asking anything of anyone.

import type { CellValue } from "./wire";

/** A random id for one view (what mount.ts tells Python when the view opens and closes). */
export function newViewId(): string {
  return Math.random().toString(36).slice(2, 12);
}

/** The view a message from Python is addressed to, when it names one. */
export function addressee(msg: unknown): string | null {
  const to = typeof msg === "object" && msg !== null ? (msg as { view?: unknown }).view : undefined;
  return typeof to === "string" ? to : null;
}

/** A refusal because someone else changed the value (or step) since this view drew it. */
export interface Conflict {
  on: "cell" | "step" | "stage";
  /** The value there now, as the wire sends it. */
  current: CellValue;
  /** The value this view tried to write (an undo's or redo's: the value it would put back). */
  yours: CellValue;
  /** The cell's row id and lane key, when Python names them (a refused undo has no op to say). */
  id?: number;
  column?: string;
}

export function conflictOf(msg: unknown): Conflict | null {
  if (typeof msg !== "object" || msg === null) return null;
  const c = (msg as { conflict?: unknown }).conflict;
  if (typeof c !== "object" || c === null) return null;
  const { on, current, yours, id, column } = c as Record<string, unknown>;
  if (on !== "cell" && on !== "step" && on !== "stage") return null;
  return {
    on, current: cellValue(current), yours: cellValue(yours),
    ...(typeof id === "number" ? { id } : {}), ...(typeof column === "string" ? { column } : {}),
  };
}

function cellValue(v: unknown): CellValue {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
}

/** What an undo or redo changed, as Python tells every view (see widgets/views.py). */
export interface Undone {
  view: string | null;
  redo: boolean;
  kind: string;
  row: number | null;
  step: string | null;
  lane: string | null;
  /** The lane's key: its head's title and its words for values come from it. */
  column: string | null;
  persona: string | null;
  old: CellValue;
  new: CellValue;
  text: string;
}

export function undoneOf(msg: unknown): Undone | null {
  if (typeof msg !== "object" || msg === null || (msg as { type?: unknown }).type !== "undone") return null;
  const m = msg as Record<string, unknown>;
  const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  return {
    view: typeof m.view === "string" ? m.view : null,
    redo: m.redo === true,
    kind: typeof m.kind === "string" ? m.kind : "",
    row: typeof m.row === "number" ? m.row : null,
    step: text(m.step),
    lane: text(m.lane),
    column: typeof m.column === "string" ? m.column : null,
    persona: text(m.persona),
    old: cellValue(m.old),
    new: cellValue(m.new),
    text: typeof m.text === "string" ? m.text : "",
  };
}

/** The cell a view is editing: a step's lane (`column` is the lane's key) or a stage's name. */
export interface Editing {
  id?: number;
  column?: string;
  stage?: string;
}

/** Whether two views' words name the same cell (or both none). */
export function sameEditing(a: Editing | null, b: Editing | null): boolean {
  if (a === null || b === null) return a === b;
  return a.id === b.id && a.column === b.column && a.stage === b.stage;
}

export interface Presence {
  selected: number[];
  editing: Editing | null;
  persona: string | null;
}

/**
 * Every view gets the answer to each view's edit: one that says `editing_ended` means the
 * view it names edits no cell now (the kernel clears that view's editing but sends the
 * presence later, once edits pause, to keep an edit to one message); an undo's answer says
 * nothing of it. True when `others` changed.
 */
export function answered(others: Map<string, Presence>, result: unknown): boolean {
  if ((result as { editing_ended?: unknown } | null)?.editing_ended !== true) return false;
  const view = addressee(result);
  const p = view === null ? undefined : others.get(view);
  if (view === null || !p || p.editing === null) return false;
  others.set(view, { ...p, editing: null });
  return true;
}

/** The other views open now and what each said of itself (own properties only: a view id is user-made text). */
export function othersOf(value: unknown, me: string): Map<string, Presence> {
  const out = new Map<string, Presence>();
  if (typeof value !== "object" || value === null) return out;
  for (const [view, p] of Object.entries(value as Record<string, unknown>)) {
    if (view === me || typeof p !== "object" || p === null) continue;
    const { selected, editing, persona } = p as Record<string, unknown>;
    out.set(view, {
      selected: Array.isArray(selected) ? selected.filter((x): x is number => typeof x === "number") : [],
      editing: typeof editing === "object" && editing !== null ? { ...(editing as Editing) } : null,
      persona: typeof persona === "string" ? persona : null,
    });
  }
  return out;
}

/** Outline colours for other views, told apart from the selection's and the focus's. */
const COLOURS = ["#d9480f", "#2b8a3e", "#862e9c", "#1971c2", "#e67700", "#c2255c"];

/** A view's colour: the same in every other view, from its id. */
export function colourOf(view: string): string {
  let h = 0;
  for (const ch of view) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLOURS[h % COLOURS.length];
}
