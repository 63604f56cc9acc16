// In-place editing of one map cell: the control a lane asks for, and how the edit ends.

import { el } from "../shared/dom";
import { laneTitle, t, type Lang } from "../shared/i18n";
import type { EditOp, Journey, LaneSpec } from "../shared/wire";
import { laneModule, type EditorSpec } from "./lanes";

export type Target =
  | { type: "stage"; stage: string }
  | { type: "step"; id: number }
  | { type: "lane"; id: number; lane: LaneSpec };

/** The editor a cell opens (its control and starting text) and the control's accessible name. */
export function editorFor(j: Journey, target: Target, lang: Lang = "en"): { spec: EditorSpec; label: string } {
  // The row by its id: side by side, a column of the layout stands for a step of each track.
  const row = target.type === "stage" ? -1 : j.ids.indexOf(target.id);
  if (target.type === "lane") {
    const values = j.cells[j.lanes.indexOf(target.lane)];
    const value = row >= 0 ? values?.[row] ?? null : null;
    return {
      spec: laneModule(target.lane.kind).editor(target.lane, value, lang),
      label: t(lang, "edit.lane", { lane: laneTitle(lang, target.lane) }),
    };
  }
  const value = target.type === "stage" ? target.stage : (row >= 0 ? j.step[row] : null) ?? "";
  return { spec: { type: "input", value, numeric: false }, label: t(lang, target.type === "stage" ? "edit.stage" : "edit.step") };
}

/** The op that text typed into a cell makes; a string says why it cannot be one. */
export function opFor(j: Journey, target: Target, text: string, lang: Lang = "en"): EditOp | string {
  if (target.type === "stage") return { kind: "rename_stage", stage: target.stage, name: text };
  if (target.type === "step") return { kind: "set_cell", id: target.id, column: j.step_key, value: text };
  return laneModule(target.lane.kind).op(target.lane, target.id, text, lang);
}

/** The text an ended edit sends, or null when it changed nothing. A stage or step name is
 * sent without the spaces around it, as Python stores it: "Achat " typed on the stage
 * "Achat" is no change (sent, it would be refused as a stage that exists). */
export function sentText(target: Target, text: string, initial: string): string | null {
  if (text === initial) return null;
  const sent = target.type === "lane" ? text : text.trim();
  return sent === initial ? null : sent;
}

export interface EditorHost {
  /** The edit changed the text: send it (the cell shows it as pending meanwhile). False
   * when it is not sent and the host keeps the editor open on it (a conflict it knows of). */
  commit(target: Target, text: string): boolean;
  /** The edit ended without a change: redraw. */
  cancel(): void;
  /** Tab or Shift+Tab ended the edit: move to the next or previous step. */
  tab(back: boolean): void;
  /** Enter or Escape ended the edit: focus back on the cell (or where it was redrawn). */
  refocus(cell: HTMLElement): void;
}

/** How an editor opens again after a redraw, or beside a conflict (see map/conflict.ts). */
export interface ReopenOptions {
  /** The text the edit started from (a change is a text that differs from it). */
  initial?: string;
  /** Where the caret was; the whole text is selected when absent and nothing was typed. */
  caret?: [number, number] | null;
  /** Take the keyboard focus (not when the redraw came while the person was elsewhere). */
  focus?: boolean;
  /** Shown under the control (a conflict's choices); the edit then ends only by a choice,
   * Enter (keep mine) or Escape, never by the focus going elsewhere. */
  extra?: HTMLElement;
  /** The control of the editor whose edit was sent (a conflict opens that same one again,
   * with its text, instead of drawing a new one). */
  control?: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
}

export class CellEditor {
  readonly control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  readonly initial: string;
  done = false;
  /** The control's listeners: an editor opened again on the same control replaces them. */
  private readonly listening = new AbortController();

  constructor(readonly cell: HTMLElement, readonly target: Target, spec: EditorSpec, label: string,
    private readonly host: EditorHost, typed?: string, private readonly opts: ReopenOptions = {}) {
    if (opts.control) {
      this.control = opts.control;
      if (typed !== undefined) this.control.value = typed;
      this.initial = opts.initial ?? spec.value;
    } else if (spec.type === "select") {
      this.control = el("select", { class: "cjm-editor", "aria-label": label },
        ...spec.choices.map(([v, text]) => el("option", { value: v }, text)));
      this.control.value = spec.value;
      this.initial = this.control.value;
    } else {
      this.control = spec.type === "textarea"
        ? el("textarea", { class: "cjm-editor", rows: Math.max(2, spec.value.split("\n").length), "aria-label": label })
        : el("input", { class: "cjm-editor", type: "text", "aria-label": label, inputmode: spec.numeric ? "decimal" : null });
      this.control.value = typed ?? spec.value;
      this.initial = opts.initial ?? spec.value; // typed text is a change even when it equals the value
    }
    cell.classList.add("is-editing");
    if (this.control.parentElement === cell) {
      // The same control, still in its cell (a conflict): the choices go around it, and the
      // control is neither moved nor focused again (each costs a style recalc and a focus event).
      for (const child of Array.from(cell.childNodes)) if (child !== this.control) child.remove();
      if (opts.extra) cell.append(opts.extra);
    } else {
      cell.replaceChildren(this.control, ...(opts.extra ? [opts.extra] : []));
    }
    const signal = this.listening.signal;
    this.control.addEventListener("keydown", (e) => this.onKey(e as KeyboardEvent), { signal });
    // Beside a conflict, leaving the editor chooses nothing: the choice is the person's.
    this.control.addEventListener("blur", () => { if (!opts.extra) this.finish(true); }, { signal });
    if (this.control instanceof HTMLSelectElement) this.control.addEventListener("change", () => this.finish(true, true), { signal });
    // Opened again after a redraw: where it was, without scrolling the map to it.
    if (opts.focus !== false && document.activeElement !== this.control) {
      this.control.focus(opts.caret || opts.extra ? { preventScroll: true } : undefined);
    }
    if (this.control instanceof HTMLSelectElement) return;
    if (opts.caret) this.control.setSelectionRange(opts.caret[0], opts.caret[1]);
    else if (typed === undefined) this.control.select();
  }

  /** The text and caret now, to open the editor again after a redraw. */
  snapshot(): { text: string; caret: [number, number] | null; focused: boolean } {
    const c = this.control;
    const caret: [number, number] | null = c instanceof HTMLSelectElement ? null : [c.selectionStart ?? 0, c.selectionEnd ?? 0];
    return { text: c.value, caret, focused: document.activeElement === c };
  }

  private onKey(e: KeyboardEvent): void {
    e.stopPropagation();
    const first = this.opts.extra?.querySelector<HTMLElement>("button");
    if (e.key === "Tab" && !e.shiftKey && first) {
      e.preventDefault(); // into the conflict's choices, the edit still open
      first.focus();
      return;
    }
    if (e.key === "Escape") {
      e.preventDefault();
      this.finish(false, true);
    } else if (e.key === "Enter" && !(e.shiftKey && this.control instanceof HTMLTextAreaElement)) {
      e.preventDefault();
      this.finish(true, true);
    } else if (e.key === "Tab") {
      e.preventDefault();
      if (this.finish(true)) this.host.tab(e.shiftKey); // not away from a conflict shown
    }
  }

  /** End the edit: send a changed text, else redraw; once only (blur follows a key). False
   * when the host kept the editor open instead (a conflict it knew of before sending). */
  finish(commit: boolean, refocus = false): boolean {
    if (this.done) return true;
    this.done = true;
    this.listening.abort();
    const text = sentText(this.target, this.control.value, this.initial);
    this.cell.classList.remove("is-editing");
    if (commit && text !== null) {
      // Sent before the pending text is drawn: drawing forces a layout the edit need not wait for.
      if (!this.host.commit(this.target, text)) return false;
      this.cell.classList.add("is-pending");
      this.cell.replaceChildren(el("span", { class: "cjm-value" }, text));
    } else {
      this.host.cancel();
    }
    if (refocus) this.host.refocus(this.cell);
    return true;
  }
}
