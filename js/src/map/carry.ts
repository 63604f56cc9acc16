// What a map view carries over when it is drawn again: an open editor, with its text, caret
// and conflict, opened again on its cell after a redraw; and what a view built again in
// another language takes over from the one before (see index.ts and MapView.carry).

import { t, type Lang } from "../shared/i18n";
import type { Conflict } from "../shared/presence";
import type { CellValue, Journey } from "../shared/wire";
import type { CellEditor, ReopenOptions, Target } from "./editor";
import type { GridPos } from "./layout";

/** An open editor as it was: its text and caret, and what it was opened on (sent as `expected`). */
export interface HeldEditor {
  target: Target;
  text: string;
  initial: string;
  caret: [number, number] | null;
  focused: boolean;
  expected: CellValue;
  conflict: Conflict | null;
}

/** What a view built again in another language takes over from the one before: the same view
 * (its id, so its own undo), persona, focus, panels and presentation, and an open editor. */
export interface Carried {
  view: string;
  persona: string | null;
  focus: GridPos;
  focused: boolean;
  table: boolean;
  panel: boolean;
  checks: boolean;
  presenting: boolean;
  compare: boolean;
  editor: HeldEditor | null;
}

/** How the editor of a cell opens: with a text typed or kept, and what it expects and shows. */
export interface Reopening {
  typed: string | undefined;
  options: ReopenOptions & { expected?: CellValue; conflict?: Conflict | null };
}

/** An open editor as it is now, with the value it opened on and the conflict it shows. */
export function holdEditor(editor: Pick<CellEditor, "target" | "initial" | "snapshot">,
  editing: { expected: CellValue; conflict: Conflict | null } | null): HeldEditor {
  const snap = editor.snapshot();
  return {
    target: editor.target, text: snap.text, initial: editor.initial, caret: snap.caret, focused: snap.focused,
    expected: editing?.expected ?? null, conflict: editing?.conflict ?? null,
  };
}

/**
 * How a held editor opens again. After a redraw, one left untouched and with no conflict opens
 * on the value there now (someone else's edit shows in it); else, and always in a view built
 * again, with its text, caret and the value it expects to replace.
 */
export function reopening(e: HeldEditor, redrawn: boolean): Reopening {
  if (redrawn && e.text === e.initial && !e.conflict) return { typed: undefined, options: { focus: e.focused } };
  return {
    typed: e.text,
    options: { initial: e.initial, caret: e.caret, focus: e.focused, expected: e.expected, conflict: e.conflict },
  };
}

/** What the status line says when a redraw took a held editor's cell away (null: nothing typed
 * is lost). `kept`: its step or stage is still in the journey, only not drawn in this view now
 * (another persona shown). */
export function goneText(e: HeldEditor, lang: Lang, kept = false): string | null {
  if (e.text === e.initial) return null;
  if (kept) return t(lang, "views.hidden", { text: e.text });
  return t(lang, e.target.type === "stage" ? "views.stage_gone" : "views.gone", { text: e.text });
}

/** Whether a held editor's step (or stage) is still in the journey, drawn here or not. */
export function stillThere(e: HeldEditor, j: Pick<Journey, "ids" | "stage">): boolean {
  return e.target.type === "stage" ? j.stage.includes(e.target.stage) : j.ids.includes(e.target.id);
}

/** What a new view does to take over what the one before had open. */
export interface Restorer {
  checks(): void;
  panel(): void;
  table(): void;
  present(focused: boolean): void;
  /** Open the editor again on its cell; false when the cell is not drawn any more. */
  edit(editor: HeldEditor): boolean;
  focus(): void;
}

/** Once drawn, take over what the view before had open: the panels first, then the editor,
 * else the keyboard focus on the grid when the grid had it. */
export function restoreCarried(c: Carried, to: Restorer): void {
  if (c.checks) to.checks();
  if (c.panel) to.panel();
  if (c.table) to.table();
  if (c.presenting) to.present(c.focused);
  if (c.editor && to.edit(c.editor)) return;
  if (c.focused && !c.table && !c.presenting) to.focus();
}
