// The editor open on a map cell and the cell edits sent: opening one, sending it with the value
// it expects to replace, and opening it again with its text, caret and conflict, after a
// redraw, in a view built again, or when Python (or the view itself) finds the cell changed.

import { t, type Lang } from "../shared/i18n";
import type { Conflict, Editing } from "../shared/presence";
import type { EditSession } from "../shared/view";
import type { CellValue, EditOp, Journey } from "../shared/wire";
import { goneText, holdEditor, reopening, stillThere, type HeldEditor } from "./carry";
import { cellWords, combinable, combined, conflictBox } from "./conflict";
import { CellEditor, editorFor, opFor, sentText, type ReopenOptions, type Target } from "./editor";
import { STEP_ROW } from "./grid";
import type { GridPos, MapLayout } from "./layout";

/** What the editor asks of the map view around it. */
export interface CellEditsHost {
  journey(): Journey;
  layout(): MapLayout;
  /** What a cell edits (null: nothing, as on a gap or a map that is only read). */
  targetOf(cell: HTMLElement): Target | null;
  /** The cell a target is drawn in now (a step's column may have moved, or be gone). */
  cellFor(target: Target): HTMLElement | null;
  cellAt(pos: GridPos): HTMLElement | undefined;
  focus(): GridPos;
  setFocus(pos: GridPos): void;
  send(op: EditOp, expected: CellValue): number;
  render(): void;
}

export type EditOptions = ReopenOptions & { expected?: CellValue; conflict?: Conflict | null };

export class CellEdits {
  editor: CellEditor | null = null;
  /** What the open editor is for: the value it opened with (sent as `expected`, so that an
   * edit never lands on a value its author did not see) and the conflict it shows. */
  editing: { expected: CellValue; conflict: Conflict | null } | null = null;
  /** Cell edits sent and not answered yet, by request: a conflict opens their editor again. */
  readonly sent = new Map<number, { target: Target; text: string; control?: CellEditor["control"]; saved?: string }>();

  constructor(private readonly session: EditSession, private readonly lang: Lang, private readonly host: CellEditsHost) {}

  /** The map is drawn again: the open editor goes with its cell, unsent. */
  close(): void {
    if (this.editor) this.editor.done = true;
    this.editor = null;
  }

  /** The open editor as it is now, to open it again once the map is drawn (null: none is open). */
  hold(): HeldEditor | null {
    const editor = this.editor && !this.editor.done ? this.editor : null;
    return editor && holdEditor(editor, this.editing);
  }

  /** Open a held editor again on its cell as drawn now (see carry.ts); false when the cell is gone. */
  reopen(e: HeldEditor, redrawn: boolean): boolean {
    const cell = this.host.cellFor(e.target);
    if (!cell) return false;
    const { typed, options } = reopening(e, redrawn);
    this.start(cell, typed, options);
    return true;
  }

  /** A held editor's cell is not drawn after a redraw: the edit ends. Its step still there (this
   * view shows another persona now, as Python asked), a text typed is saved, as a click
   * elsewhere would have saved it; a step gone (or a conflict left open), the text is said. */
  lost(e: HeldEditor): void {
    this.editing = null;
    const kept = stillThere(e, this.host.journey());
    const text = sentText(e.target, e.text, e.initial);
    if (kept && text !== null && !e.conflict) {
      this.editing = { expected: e.expected, conflict: null };
      const before = this.sent.size;
      this.commit(e.target, text);
      // Said once Python took it (an answer clears the status line).
      const request = this.sent.size > before ? Array.from(this.sent.keys()).pop() : undefined;
      const sent = request === undefined ? undefined : this.sent.get(request);
      if (sent) sent.saved = t(this.lang, "views.saved_hidden", { text });
      return;
    }
    this.session.tell({ editing: null });
    const gone = goneText(e, this.lang, kept);
    if (gone !== null) this.session.say(gone);
  }

  start(cell: HTMLElement, typed?: string, reopen: EditOptions = {}): void {
    const target = this.host.targetOf(cell);
    if (!target) return;
    const j = this.host.journey();
    const { spec, label } = editorFor(j, target, this.lang);
    const expected = reopen.expected !== undefined ? reopen.expected
      : target.type === "stage" ? target.stage
        : drawnValue(j, target.type === "step" ? { kind: "set_cell", id: target.id, column: j.step_key, value: null }
          : { kind: "set_cell", id: target.id, column: target.lane.key, value: null });
    const conflict = reopen.conflict ?? null;
    this.editing = { expected, conflict };
    const lane = target.type === "lane" ? target.lane : null;
    const extra = conflict ? conflictBox(this.lang, cellWords(lane, conflict.current, this.lang), {
      theirs: () => this.end(target),
      mine: () => {
        if (this.editing) this.editing.expected = conflict.current;
        this.editor?.finish(true, true);
      },
      combine: !combinable(lane, spec) ? undefined : () => {
        const mine = this.editor?.control.value ?? "";
        const text = combined(spec.value, mine, spec.type === "textarea");
        if (this.editor) this.editor.done = true;
        this.start(cell, text, { expected: conflict.current, initial: spec.value, caret: [text.length, text.length] });
      },
      back: () => this.editor?.control.focus(),
    }) : undefined;
    if (this.editor) this.editor.done = true;
    this.session.tell({ editing: editingOf(target, j.step_key) });
    this.editor = new CellEditor(cell, target, spec, label, {
      commit: (t, text) => this.commit(t, text),
      cancel: () => {
        this.editing = null;
        this.session.tell({ editing: null });
        this.host.render();
      },
      tab: (back) => {
        const focus = this.host.focus();
        const col = Math.max(0, Math.min(this.host.layout().columns.length - 1, focus.col + (back ? -1 : 1)));
        this.host.setFocus({ row: focus.row === -1 ? STEP_ROW : focus.row, col });
      },
      refocus: (c) => (c.isConnected ? c.focus() : this.host.cellAt(this.host.focus())?.focus()),
    }, typed, { ...reopen, extra });
  }

  /** Leave an edit without sending it (a conflict's "take theirs"): the cell shows the value now. */
  private end(target: Target): void {
    this.close();
    this.editing = null;
    this.session.tell({ editing: null });
    this.session.clear();
    this.host.render();
    this.host.cellFor(target)?.focus();
  }

  /** A cell edit refused because the cell changed meanwhile: its editor again, with the
   * person's text, the value there now and the three choices, said in the status line. */
  conflicted(target: Target, text: string, conflict: Conflict, control?: CellEditor["control"]): void {
    this.reopenOnConflict(target, text, conflict, control);
    this.session.say(conflictText(target, text, conflict, this.lang));
  }

  /** A cell edit refused because the cell changed meanwhile: its editor again, with the
   * person's text, the value there now and the three choices. */
  private reopenOnConflict(target: Target, text: string, conflict: Conflict, control?: CellEditor["control"]): void {
    if (this.editor && !this.editor.done) this.editor.finish(true); // an edit begun since is sent first
    // The map already shows the value there now (it came before the answer): only the cell
    // that showed the refused text is drawn again, as an editor.
    let cell = this.host.cellFor(target);
    if (!cell || !cell.isConnected) {
      this.host.render();
      cell = this.host.cellFor(target);
    }
    cell?.classList.remove("is-pending");
    if (cell) this.start(cell, text, { expected: conflict.current, conflict, caret: [text.length, text.length], control });
  }

  commit(target: Target, text: string): boolean {
    const control = this.editor?.target === target ? this.editor.control : undefined;
    this.editor = null;
    const expected = this.editing ? this.editing.expected : null;
    this.editing = null;
    const op = opFor(this.host.journey(), target, text, this.lang);
    const known = control && typeof op !== "string"
      ? knownConflict(op, expected, text, (o) => this.session.awaiting(o), (o) => drawnValue(this.host.journey(), o)) : null;
    if (known) {
      // The editor stays as it is, focused, its choices around it: no round trip to Python.
      this.conflicted(target, text, known, control);
      return false;
    }
    if (typeof op !== "string") {
      this.sent.set(this.host.send(op, expected), { target, text, control });
    } else {
      this.session.say(op);
      this.host.render();
      this.session.tell({ editing: null });
    }
    return true;
  }
}

/** The value the map draws for the cell an op writes (what the op expects to replace). */
export function drawnValue(j: Journey, op: EditOp): CellValue {
  if (!("id" in op)) return null;
  const row = j.ids.indexOf(op.id);
  const key = op.kind === "set_emotion" ? j.emotion : "column" in op ? op.column : null;
  if (row < 0 || key === null) return null;
  if (key === j.step_key) return j.step[row] ?? null;
  return j.cells[j.lanes.findIndex((l) => l.key === key)]?.[row] ?? null;
}

/** A conflict this view knows of before sending: the value drawn in the cell now is not the
 * one its editor opened on (another view's edit came meanwhile), and no edit of its own on
 * the cell is unanswered (`awaiting`). Python would refuse the edit; its choices are shown at once. */
export function knownConflict(op: EditOp, expected: CellValue, text: string, awaiting: (op: EditOp) => boolean,
  drawnValue: (op: EditOp) => CellValue): Conflict | null {
  if (op.kind !== "set_cell" && op.kind !== "set_emotion" && op.kind !== "set_moment") return null;
  if (awaiting(op)) return null;
  const drawn = drawnValue(op);
  return drawn === expected ? null : { on: "cell", current: drawn, yours: text };
}

/** A conflict said in the lane's words and the view's language, not as the wire holds the values. */
export function conflictText(target: Target, text: string, conflict: Conflict, lang: Lang): string {
  const lane = target.type === "lane" ? target.lane : null;
  return t(lang, "conflict", {
    current: cellWords(lane, conflict.current, lang),
    yours: text === "" ? t(lang, "views.empty") : text,
  });
}

/** The cell an editor is open on, as the other views are told (see shared/presence.ts). */
export function editingOf(target: Target, stepKey: string): Editing {
  if (target.type === "stage") return { stage: target.stage };
  return { id: target.id, column: target.type === "step" ? stepKey : target.lane.key };
}
