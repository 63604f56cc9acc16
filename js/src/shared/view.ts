// What every widget's view does the same way: send edit ops and undo/redo with request
// numbers, show Python's answer (an error or a notice) in one status line, and read and
// set the selected step ids. A view owns one EditSession and puts `session.status` in its DOM:
// a slot that takes no height of its own (or the room its container gives it, e.g. a toolbar
// line), the message floating over what follows, so that a message never moves the widget.
//
//   const session = new EditSession(model);
//   root.append(toolbar, session.status, chart);
//   session.send({ kind: "set_emotion", id, value });   // clears any old message first
//   model.on("msg:custom", (msg) => { if (session.receive(msg)?.ok === false) redraw(); });
//   root.addEventListener("keydown", (e) => session.historyKey(e, !editing));

import { el } from "./dom";
import { exactNumber, formatNumber } from "./format";
import { isMessageId, keyName, lang, laneTitle, t, type Lang } from "./i18n";
import { historyKey } from "./keys";
import { PerView, sendFrom } from "./outbox";
import type { WidgetModel } from "./model";
import { addressee, conflictOf, newViewId, sameEditing, undoneOf, type Editing, type Undone } from "./presence";
import { isEditResult, type CellValue, type EditResult } from "./wire";

export type Tone = "error" | "notice";

/** A cell's value as the lane `column` (its key; null: not known) shows it, in the view's
 * language: what a conflict or an undo says of the values. Each widget gives its own. */
export type ValueWords = (column: string | null, v: CellValue) => string;

/** Values without their lane: numbers as `l` writes them, yes/no, the word for empty. */
export function plainWords(l: Lang): ValueWords {
  return (_column, v) => {
    if (v === null || v === "") return t(l, "views.empty");
    if (typeof v === "number") return formatNumber(v, l);
    if (typeof v === "boolean") return t(l, v ? "value.yes" : "value.no");
    return v;
  };
}

/** How long a notice stays when nothing replaces it (errors stay until dismissed). */
export const NOTICE_MS = 8000;

/** How long an op may wait for Python's answer before the view says it has none yet. */
export const ANSWER_MS = 4000;

/** The last request number each view id used in this page: a view built again (in another
 * language) under the same id goes on from it, so that an answer still on its way to the view
 * before is never taken for the answer to one of its own requests. */
const lastRequests = new PerView();

export class EditSession {
  /** Where the status goes: a slot for `box`, which floats over what follows it. */
  readonly status: HTMLDivElement;
  /** The message and its dismiss button: hidden when empty; × or Escape (`clear`) dismisses it. */
  private readonly box: HTMLDivElement;
  private readonly text: HTMLSpanElement;
  private requests = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Ops sent and not answered yet, and the watch that says so when they wait too long. */
  private readonly unanswered = new Set<number>();
  private watch: ReturnType<typeof setTimeout> | undefined;
  /** This view's id: ops name it, and Python's answers name the view they are for (a view
   * built again in another language keeps it, and so its own undo). */
  readonly view: string;
  /** The value last sent to each cell and not answered yet, by request: the next op on that
   * cell expects it (Alt+↑ pressed twice, a drag's updates), not the value drawn before. */
  private readonly inFlight = new Map<number, [string, unknown]>();
  private editing: Editing | null = null;
  private persona: string | null = null;

  /** How this widget's lanes show values (see ValueWords). */
  readonly words: ValueWords;

  constructor(private readonly model: WidgetModel, view?: string, words?: ValueWords) {
    this.view = view ?? newViewId();
    this.words = words ?? plainWords(lang(model));
    this.requests = lastRequests.current(this.view);
    this.text = el("span", { class: "cjm-message", "aria-live": "assertive" });
    const l = lang(model);
    const dismiss = el("button", {
      type: "button", class: "cjm-dismiss", "aria-label": t(l, "status.dismiss"),
      title: `${t(l, "status.dismiss_title")} (${keyName(l, "Escape")})`,
    }, "\u00D7");
    dismiss.addEventListener("click", () => this.clear());
    this.box = el("div", { class: "cjm-status-box", hidden: true }, this.text, dismiss);
    this.status = el("div", { class: "cjm-status" }, this.box);
  }

  /** Send an edit op (extra fields, e.g. a drag's `gesture`, ride along); returns its request number. */
  send(op: unknown, extra: Record<string, unknown> = {}): number {
    this.clear(); // a new attempt: the last answer no longer applies
    const sent = this.expecting(op);
    sendFrom(this.model, this.view, { type: "edit", request: this.next(), op: sent, ...extra });
    // The kernel clears this view's editing when an edit arrives (widgets/views.py), so that
    // an edit needs no second message (a second busy/idle round in every page) to end it.
    this.editing = null;
    const cell = cellOf(sent);
    if (cell !== null) this.inFlight.set(this.requests, [cell, (sent as { value?: unknown }).value ?? null]);
    this.await(this.requests);
    return this.requests;
  }

  /** A new request number, kept for a view built again under this id. */
  private next(): number {
    this.requests = lastRequests.next(this.view);
    return this.requests;
  }

  /** Whether an op of this view on the cell `op` edits is still unanswered. */
  awaiting(op: unknown): boolean {
    const cell = cellOf(op);
    return cell !== null && Array.from(this.inFlight.values()).some(([key]) => key === cell);
  }

  /** The value this view sent last to the cell `op` writes, while unanswered (undefined:
   * none): what the cell will hold, though the map still draws the value before. */
  pending(op: unknown): unknown {
    const cell = cellOf(op);
    let last: unknown = undefined;
    if (cell !== null) for (const [key, value] of this.inFlight.values()) if (key === cell) last = value;
    return last;
  }

  /** An op's `expected` is the value this view sent last to that cell while unanswered. */
  private expecting(op: unknown): unknown {
    if (!Object.prototype.hasOwnProperty.call(op, "expected")) return op;
    const last = this.pending(op);
    return last === undefined ? op : { ...(op as object), expected: last };
  }

  /** Tell the other views (through the kernel) what this one is doing: the cell it edits
   * (null: none), the persona it shows and, always, the steps it selected. */
  tell(change: { editing?: Editing | null; persona?: string | null }): void {
    // An editor opened again on the cell it was on (a redraw, a conflict) tells nothing new.
    if (change.persona === undefined && change.editing !== undefined && sameEditing(change.editing, this.editing)) return;
    if (change.editing !== undefined) this.editing = change.editing;
    if (change.persona !== undefined) this.persona = change.persona;
    sendFrom(this.model, this.view, { type: "presence", selected: this.selected(), editing: this.editing, persona: this.persona });
  }

  history(type: "undo" | "redo"): number {
    this.clear();
    sendFrom(this.model, this.view, { type, request: this.next() });
    this.await(this.requests);
    return this.requests;
  }

  private await(request: number): void {
    this.unanswered.add(request);
    if (this.watch === undefined) {
      this.watch = setTimeout(() => {
        this.watch = undefined;
        if (this.unanswered.size > 0) this.say(t(lang(this.model), "status.no_answer"), "notice");
      }, ANSWER_MS);
    }
  }

  /** Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y as undo and redo (see shared/keys.ts). */
  historyKey(e: KeyboardEvent, enabled = true): boolean {
    return historyKey(e, (type) => this.history(type), enabled);
  }

  /**
   * Handle a custom message: an `edit_result` shows its error or notice (an ok result
   * with neither clears the line) and is returned, so the view can redraw after a refusal.
   * Anything else returns null.
   */
  receive(msg: unknown): EditResult | null {
    const undone = undoneOf(msg);
    // Another view's undo is said here; this view's own is said by its answer.
    if (undone && undone.view !== this.view) this.say(undoneText(lang(this.model), undone, this.words), "notice");
    // An answer for another view (every view gets every message) is that view's alone.
    if (!isEditResult(msg) || (addressee(msg) !== null && addressee(msg) !== this.view)) return null;
    if (typeof msg.request === "number") {
      this.unanswered.delete(msg.request);
      this.inFlight.delete(msg.request);
    }
    if (this.unanswered.size === 0) {
      clearTimeout(this.watch);
      this.watch = undefined;
    }
    if (!msg.ok) this.say(refusal(lang(this.model), msg, this.words), "error");
    else if (typeof msg.notice === "string" && msg.notice !== "") this.say(notice(lang(this.model), msg, this.words), "notice");
    else if (msg.request === this.requests) this.clear(); // an older answer keeps a newer message
    return msg;
  }

  /**
   * Show a message; errors are announced at once and stay, notices are polite and go by
   * themselves after NOTICE_MS unless another message replaces them. Empty text clears.
   */
  say(text: string, tone: Tone = "error"): void {
    clearTimeout(this.timer);
    this.text.setAttribute("aria-live", tone === "error" ? "assertive" : "polite");
    this.text.setAttribute("role", tone === "error" ? "alert" : "status");
    this.box.dataset.tone = tone;
    this.text.textContent = text;
    this.box.hidden = text === "";
    if (tone === "notice" && text !== "") this.timer = setTimeout(() => this.clear(), NOTICE_MS);
  }

  clear(): void {
    clearTimeout(this.timer);
    if (this.box.hidden && this.text.textContent === "") return;
    this.text.textContent = "";
    this.box.hidden = true;
  }

  /** The selected step ids (a copy: what `model.get` returns is never mutated). */
  selected(): number[] {
    const ids = this.model.get("_selected_ids");
    return Array.isArray(ids) ? ids.filter((x): x is number => typeof x === "number") : [];
  }

  select(ids: number[]): void {
    this.model.set("_selected_ids", [...ids]);
    this.model.save_changes();
    this.tell({});
  }
}

/** The refusals that state a cell's values: said from the dictionary in every language, the
 * values as the lane shows them (Python's English words quote them as the wire holds them). */
const CONFLICT_CODES: ReadonlySet<string> = new Set(["conflict", "conflict.undo", "conflict.redo"]);

/**
 * A refusal in the widget's language: Python names the refusals an edit can meet with a
 * `code` (a message id) and its `params`, said in French from the dictionary; English keeps
 * Python's own words (they name the column's dtype too), as does any refusal without a code.
 * A conflict on a cell is said from the dictionary in both, its values in `words`.
 */
export function refusal(l: Lang, msg: Pick<EditResult, "code" | "params" | "message"> & { conflict?: unknown },
  words: ValueWords = plainWords(l)): string {
  const cell = CONFLICT_CODES.has(msg.code ?? "") ? conflictOf(msg) : null;
  if (isMessageId(msg.code) && (l !== "en" || typeof msg.message !== "string" || cell?.on === "cell")) {
    const params = new Map<string, string>();
    if (typeof msg.params === "object" && msg.params !== null) {
      for (const [name, value] of Object.entries(msg.params)) {
        if (typeof value === "string") params.set(name, value);
        // Every digit: 2.001 refused in an integer column must not read "2".
        else if (typeof value === "number") params.set(name, exactNumber(value, l));
      }
    }
    if (cell?.on === "cell") {
      params.set("current", words(cell.column ?? null, cell.current));
      params.set("yours", words(cell.column ?? null, cell.yours));
    }
    return t(l, msg.code, Object.fromEntries(params));
  }
  return msg.message ?? t(l, "status.rejected");
}

/** Which cell an op writes ("id|column"), for the ops that may carry `expected`. */
function cellOf(op: unknown): string | null {
  if (typeof op !== "object" || op === null) return null;
  const { kind, id, column } = op as { kind?: unknown; id?: unknown; column?: unknown };
  if (kind !== "set_cell" && kind !== "set_emotion" && kind !== "set_moment") return null;
  return `${String(id)}|${kind === "set_emotion" ? "emotion" : String(column)}`;
}

/** What another view undid or redid, in the widget's language. */
export function undoneText(l: Lang, u: Undone, words: ValueWords = plainWords(l)): string {
  const what = undoneWhat(l, u, words);
  if (u.view === null) return t(l, u.redo ? "views.redone_python" : "views.undone_python", { what });
  return t(l, u.redo ? "views.redone" : "views.undone", { what });
}

/** What an undo or redo changed, in the widget's language ("Pain of “Pay”: a → b"): the
 * lane titled as its head is, the values as it shows them. */
export function undoneWhat(l: Lang, u: Undone, words: ValueWords = plainWords(l)): string {
  if (u.kind !== "set_cell" || u.step === null) return u.step !== null ? t(l, "views.step", { step: u.step }) : u.text;
  const lane = u.lane === null ? "" : u.column === null ? u.lane : laneTitle(l, { key: u.column, label: u.lane });
  const value = (v: CellValue) => (v === null || v === "" ? t(l, "views.empty") : words(u.column, v));
  return t(l, "views.cell", { lane, step: u.step, old: value(u.old), new: value(u.new) });
}

/**
 * A notice in the widget's language: from its code, or for this view's own undo or redo from
 * what it changed; English keeps Python's words.
 */
export function notice(l: Lang, msg: Pick<EditResult, "notice" | "notice_code" | "undone">,
  words: ValueWords = plainWords(l)): string {
  if (l === "en") return msg.notice ?? "";
  if (isMessageId(msg.notice_code)) return t(l, msg.notice_code);
  const undone = undoneOf(msg.undone);
  if (undone) return t(l, undone.redo ? "history.redone" : "history.undone", { what: undoneWhat(l, undone, words) });
  return msg.notice ?? "";
}
