// The journey map view: draws the model's state and turns gestures into edit ops.
// Each lane kind draws and edits itself (lanes/); this file wires them to the grid.

import { el } from "../shared/dom";
import type { WidgetModel } from "../shared/model";
import { sendFrom } from "../shared/outbox";
import { EditSession } from "../shared/view";
import { decodeJourney, isEditResult, type CellValue, type EditOp, type Journey } from "../shared/wire";
import { answered, conflictOf, othersOf, type Conflict, type Presence } from "../shared/presence";
import { applyCells, cellRedraw, changedCells, currentJourney, revisionOf } from "./patch";
import { COLUMN_WIDTH, HEAD_WIDTH } from "./cells";
import type { CellEditor, Target } from "./editor";
import { restoreCarried, type Carried } from "./carry";
import { CellEdits, drawnValue, type EditOptions } from "./cell_edits";
import { laneWords } from "./conflict";
import { STEP_ROW } from "./grid";
import { curveBreaks } from "./branches";
import { laneModule, type LaneDrawing, type LaneHost } from "./lanes";
import { layoutMap, PendingFocus, moveFocus, nextSelection, visibleWindow, windowCovers, type GridPos, type MapLayout, type SelectMode } from "./layout";
import { ImageMenu } from "../shared/image_menu";
import { mapViewImage } from "./image";
import { PersonaPicker } from "./persona";
import { PrioritiesPanel } from "./priorities";
import { ChecklistPanel, checksMessage, checksShortcut, decodeChecks, type CheckItem } from "./checklist";
import { lang, t, type Lang } from "../shared/i18n";
import { Presenter } from "./present";
import { printWith } from "../shared/print";
import { TableView, tableModel, type TableModel } from "./table_view";
import { titleShortcuts } from "../shared/shortcuts";
import { CompareMode } from "./compare_view";
import { PresencePaint, type PresencePlace } from "./presence_paint";
import { BUTTONS, otherPersona, shortcut, toolbarButton, viewShortcut, VIEW_KEYS, type Action, type ViewAction } from "./toolbar";

/** Columns drawn beyond each side of the view, so a short scroll needs no redraw. */
const OVERSCAN = 6;
const ARROWS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"]);

export type { Carried } from "./carry";

export class MapView {
  readonly root: HTMLDivElement;
  private readonly session: EditSession;
  private readonly personas: PersonaPicker;
  private readonly scroller: HTMLDivElement;
  private readonly hint: HTMLDivElement;
  private readonly buttons = new Map<Action, HTMLButtonElement>();
  /** The language the view speaks (a new one builds a new view: see index.ts). */
  private readonly lang: Lang = lang(this.model);
  private readonly panel = new PrioritiesPanel((id) => this.goTo(id), this.lang);
  private readonly checks: ChecklistPanel;
  /** The language Python was asked for the findings in (m.show_checks(lang=)), else the view's. */
  private checksLang: string | null = null;
  private readonly presenter = new Presenter({
    layout: () => this.layout,
    journey: () => this.journey,
    show: (col, takeFocus) => this.setFocus({ row: -1, col }, true, takeFocus),
  }, this.lang);
  private readonly image = new ImageMenu({
    name: "journey-map", title: () => this.model.get("title"), say: (text) => this.session.say(text),
    image: () => mapViewImage(this.model, this.journey, this.persona(), this.root,
      this.compare.imageTracks(this.journey, this.persona(), this.lang)),
    lang: this.lang,
  });
  /** Personas (or states) side by side; this view's own switch (see compare_view.ts). */
  private readonly compare: CompareMode;
  private readonly table = new TableView(VIEW_KEYS.get("table") ?? "", (open) => this.showTable(open), this.lang);
  private journey: Journey = decodeJourney(null);
  private layout: MapLayout = { columns: [], stages: [] };
  private drawings: LaneDrawing[] = [];
  private grid: HTMLElement[][] = [];
  private focus: GridPos = { row: STEP_ROW, col: 0 };
  private anchor: number | null = null;
  /** The editor open on a cell and the cell edits sent (see cell_edits.ts). */
  private readonly edits: CellEdits;
  /** The persona this view shows: each view its own (see onJourney). */
  private localPersona: string | null = null;
  private seenActive: unknown = undefined;
  private seenFrom: unknown = undefined;
  /** The other views open now and what each does (the kernel's `_presence`). */
  private others = new Map<string, Presence>();
  /** A lane cell pressed (a drag of its emotion point) and the value it showed then: what the
   * drag's edit replaces, even if the map was redrawn with someone else's value meanwhile. */
  private pressed: { id: number; key: string; value: CellValue } | null = null;
  /** Paints the other views' work on the grid (see presence_paint.ts). */
  private readonly presence = new PresencePaint(this.lang, () => this.scroller, () => this.journey, (at) => this.placeCell(at));
  private drawn: [number, number] = [0, 0];
  private scrollQueued = false;
  /** The step an undo or redo touched, focused once it is drawn (its state may come later). */
  private readonly pendingFocus = new PendingFocus();
  /** A page or static output with no kernel: the map is read, never edited. */
  private readonly readOnly: boolean;
  private readonly unprint: () => void;
  private readonly host: LaneHost = {
    send: (op) => {
      const key = op.kind === "set_emotion" ? this.journey.emotion : "column" in op ? op.column : null;
      const pressed = this.pressed && "id" in op && this.pressed.id === op.id && this.pressed.key === key ? this.pressed : null;
      this.send(op, pressed ? pressed.value : drawnValue(this.journey, op));
    },
    pending: (op) => this.session.pending(op) as CellValue | undefined,
    render: () => this.render(),
    say: (text) => this.session.say(text),
  };

  constructor(private readonly model: WidgetModel, private readonly carried?: Carried) {
    // Values in the status line (a conflict, a refused undo) as the lanes show them.
    this.session = new EditSession(model, carried?.view, laneWords(() => this.journey, this.lang));
    this.edits = new CellEdits(this.session, this.lang, {
      journey: () => this.journey, layout: () => this.layout, focus: () => this.focus,
      targetOf: (cell) => (this.readOnly ? null : this.targetOf(cell)), cellFor: (target) => this.cellFor(target),
      cellAt: (pos) => this.cellAt(pos), setFocus: (pos) => this.setFocus(pos),
      send: (op, expected) => this.send(op, expected), render: () => this.render(),
    });
    if (carried) {
      this.localPersona = carried.persona;
      this.focus = carried.focus;
    }
    this.readOnly = model.get("_read_only") === true;
    this.checks = new ChecklistPanel(lang(model), (item) => this.goToFinding(item), (open) => this.watchChecks(open));
    this.personas = new PersonaPicker((persona) => this.switchPersona(persona), this.lang);
    this.compare = new CompareMode(model, () => this.session.view, (on) => this.switchCompare(on), this.lang, this.readOnly,
      carried?.compare);
    const act = (a: Action) => this.act(a, true);
    const toolbar = el("div", { class: "cjm-toolbar", role: "toolbar", "aria-label": t(this.lang, "toolbar.map") },
      this.personas.box, ...(this.readOnly ? [] : BUTTONS).map((spec) => {
        const b = toolbarButton(spec, act, this.lang);
        this.buttons.set(spec.action, b);
        return b;
      }), this.compare.button, this.table.toggle, this.presenter.box, this.image.box, this.checks.toggle, this.panel.toggle, this.session.status); // the panels' toggles last: their panels follow them for Tab; a message never moves the grid
    this.image.button.setAttribute("aria-keyshortcuts", VIEW_KEYS.get("image") ?? "");
    this.panel.toggle.setAttribute("aria-keyshortcuts", VIEW_KEYS.get("priorities") ?? "");
    this.personas.box.querySelector("select")?.setAttribute("aria-keyshortcuts",
      `${VIEW_KEYS.get("next-persona") ?? ""} ${VIEW_KEYS.get("previous-persona") ?? ""}`);
    toolbar.insertBefore(this.presence.badge, this.session.status);
    titleShortcuts(toolbar, this.lang);
    this.hint = el("div", { class: "cjm-hint" });
    this.scroller = el("div", { class: "cjm-scroll" });
    this.root = el("div", { class: "cjm-map", "data-lm-suppress-shortcuts": "true", "data-revision": 0 },
      toolbar, this.panel.box, this.checks.box, this.hint, this.table.box, this.scroller);
    this.root.dataset.view = this.session.view; // mount.ts tells Python of the view by this id

    this.root.addEventListener("keydown", (e) => this.onRootKey(e));
    this.scroller.addEventListener("click", (e) => this.onClick(e));
    this.scroller.addEventListener("dblclick", (e) => this.onDoubleClick(e));
    this.scroller.addEventListener("keydown", (e) => this.onGridKey(e));
    this.scroller.addEventListener("focusin", (e) => this.onFocusIn(e));
    this.scroller.addEventListener("pointerdown", (e) => this.onPointerDown(e));
    this.scroller.addEventListener("scroll", this.onScroll, { passive: true });
    this.presenter.attach(this.root, this.scroller);
    this.returnFocusFromMenus();
    this.onChecks();
    model.on("change:_presence", this.onPresence);
    model.on("change:_persona_from", this.onJourney);
    model.on("change:compare_personas", this.onCompare);
    model.on("change:_compare_from", this.onCompare);
    this.onPresence();
    this.unprint = printWith(this.root, () => this.compare.print({
      layout: this.layout, lanes: this.journey.lanes, drawings: this.drawings, lang: this.lang,
      persona: this.persona(), blueprint: this.journey.blueprint === true,
    }));
  }

  /** Hand this view over to one in another language: its open editor ends without sending
   * (a half-typed text is never saved unasked), the rest is taken over by `restore`. */
  carry(): Carried {
    const held = this.edits.hold();
    if (held && this.editor) this.editor.done = true; // the blur of its removal must not send it
    const carried: Carried = {
      view: this.session.view, persona: this.localPersona, focus: this.focus, focused: this.root.contains(document.activeElement),
      table: this.table.isOpen, panel: this.panel.isOpen, checks: this.checks.isOpen,
      presenting: this.root.classList.contains("cjm-presenting"), compare: this.compare.isOn, editor: held,
    };
    if (carried.presenting) this.presenter.leave();
    return carried;
  }

  /** Once drawn, take over what the view before this one had open (see carry.ts). */
  restore(): void {
    if (!this.carried) return;
    restoreCarried(this.carried, {
      checks: () => this.toggleChecks(true),
      panel: () => { if (!this.panel.toggle.hidden) this.panel.setOpen(true); },
      table: () => this.showTable(true),
      present: (focused) => this.presenter.enter(focused),
      edit: (e) => this.edits.reopen(e, false),
      focus: () => this.setFocus(this.focus, true),
    });
  }

  /** The output is gone: nothing outside the view keeps it alive or acts on it. */
  readonly dispose = (): void => {
    this.model.off("change:_presence", this.onPresence);
    this.model.off("change:_persona_from", this.onJourney);
    this.model.off("change:compare_personas", this.onCompare);
    this.model.off("change:_compare_from", this.onCompare);
    this.unprint();
    this.presenter.dispose();
  };

  // -- model events ------------------------------------------------------------------

  readonly onJourney = (): void => {
    const before = this.journey;
    const shown = this.persona();
    this.journey = decodeJourney(currentJourney(this.model));
    // A persona set from Python (or by the kernel) is every view's; one another view
    // switched to is that view's alone (Python says which in _persona_from).
    const active = this.model.get("active_persona");
    const from = this.model.get("_persona_from");
    if (active !== this.seenActive || from !== this.seenFrom) {
      this.seenActive = active;
      this.seenFrom = from;
      // A page (no kernel) follows its models' persona as linked maps set it.
      const mine = this.readOnly || !from || from === this.session.view || this.localPersona === null;
      if (typeof active === "string" && mine) {
        this.localPersona = active;
      }
    }
    // Others' changes show at once; an open editor is opened again with its text and caret.
    if (this.persona() !== shown || !this.redrawCells(before)) this.refresh();
  };

  /** Draw again only the cells that changed (or their lane's, see patch.ts), when only lane
   * cells did; false when the map must be drawn whole. An open editor stays as it is, with
   * its text and caret; untouched, it opens again on its cell's new value (as refresh does). */
  private redrawCells(before: Journey): boolean {
    const j = this.journey;
    const changed = this.layout.columns.length === 0 || this.compare.layout ? null : changedCells(before, j);
    if (changed === null) return false;
    const editor = this.editor && !this.editor.done ? this.editor : null;
    const plan = cellRedraw(before, j, changed, new Map(this.layout.columns.map((c, col) => [c.row, col])), this.drawn);
    const rows = this.layout.columns.map((c) => c.row);
    for (const lane of plan.lanes) {
      const spec = j.lanes[lane];
      this.drawings[lane] = laneModule(spec.kind).prepare({ lane: spec, values: j.cells[lane] ?? [], rows, scale: j.scale, lang: this.lang, breaks: curveBreaks(this.layout) });
    }
    for (const [lane, col] of plan.cells) {
      const cell = this.cellAt({ row: lane + 1, col });
      if (!cell || cell === editor?.cell) continue;
      cell.classList.remove("is-pending");
      cell.replaceChildren(...this.drawings[lane].cell(col));
    }
    for (const col of new Set(plan.changed.filter(([lane]) => this.drawings[lane].stepMark).map(([, col]) => col))) {
      const head = this.cellAt({ row: STEP_ROW, col });
      head?.querySelectorAll(":scope > [data-step-mark]").forEach((mark) => mark.remove());
      head?.querySelector(":scope > .cjm-step-name")?.before(...this.drawings.map((d) => d.stepMark?.(col) ?? null).filter((m): m is Node => m !== null));
    }
    // A text sent and shown while it waits, that came back unchanged: the whole map, as ever.
    if (this.scroller.querySelector(".is-pending")) return false;
    this.root.dataset.revision = String(j.revision);
    const persona = this.persona();
    this.panel.show(j, persona);
    this.table.show(() => tableModel(j, this.layout, persona, this.model.get("title"), this.lang));
    const mine = editor && plan.changed.some(([lane, col]) => this.cellAt({ row: lane + 1, col }) === editor.cell);
    const snap = mine ? editor.snapshot() : null;
    if (editor && snap && snap.text === editor.initial && !this.editing?.conflict) this.startEdit(editor.cell, undefined, { focus: snap.focused });
    this.focusPending();
    return true;
  }

  readonly onPresence = (): void => {
    // A page or a saved output may hold the views open when it was written: none are now.
    this.others = this.readOnly ? new Map() : othersOf(this.model.get("_presence"), this.session.view);
    this.paintPresence();
  };

  readonly onSelection = (): void => this.paintSelection();

  /** `compare_personas` set from Python (every view) or by this view's own switch. */
  readonly onCompare = (): void => {
    if (this.compare.follow()) this.refresh();
  };

  /** This view compares personas, or shows one again; the other views keep theirs. */
  private switchCompare(on: boolean): void {
    this.session.clear();
    this.compare.set(on);
    this.refresh();
    this.focusGrid();
  }

  readonly onChecks = (): void => this.checks.show(decodeChecks(this.model.get("_checks")), !this.readOnly);

  readonly onMessage = (msg: unknown): void => {
    if (this.presenter.receive(msg)) return;
    const cells = applyCells(this.model, msg);
    if (cells === "stale") sendFrom(this.model, this.session.view, { type: "journey_resync" });
    else if (cells !== null && this.journey.revision < revisionOf(currentJourney(this.model))) this.onJourney();
    // A one-cell edit's cells come with the answer to it, as one message.
    if (cells !== null) {
      const result = (msg as { result?: unknown }).result;
      if (result !== undefined) this.onMessage(result);
      return;
    }
    if (isEditResult(msg) && answered(this.others, msg)) this.paintPresence();
    const checks = checksMessage(msg);
    if (checks) {
      this.checksLang = checks.lang;
      this.toggleChecks(checks.on);
      return;
    }
    const result = this.session.receive(msg);
    const sent = result ? this.sentEdits.get(result.request) : undefined;
    if (result) this.sentEdits.delete(result.request);
    const conflict = result?.ok === false ? conflictOf(result) : null;
    if (sent && conflict?.on === "cell") this.conflicted(sent.target, sent.text, conflict, sent.control);
    // Drop what the editor showed before Python said no.
    else if (result?.ok === false) this.refresh();
    else if (result && sent?.saved) this.session.say(sent.saved, "notice");
    else if (result && typeof result.focus === "number") {
      this.pendingFocus.set(result.focus, this.journey.revision);
      this.focusPending();
    }
  };

  /** Focus the step an undo or redo touched; take the keyboard focus only from inside. */
  private focusPending(): void {
    const pos = this.editor ? null : this.pendingFocus.take(this.layout, this.focus, this.journey.revision);
    if (pos) this.setFocus(pos, true, this.root.contains(document.activeElement));
  }

  // -- drawing -------------------------------------------------------------------------

  private persona(): string | null {
    const personas = this.journey.personas;
    if (personas.length === 0) return null;
    const active = this.localPersona;
    return active !== null && personas.includes(active) ? active : personas[0];
  }

  /** This view shows another persona; the other views keep theirs (a page's linked maps follow). */
  private switchPersona(persona: string): void {
    this.session.clear(); // a persona switch is a new action: the old message goes
    if (this.readOnly) {
      // A page: its linked widgets follow the model's persona, and so does this view (onJourney).
      this.model.set("active_persona", persona);
      this.model.save_changes();
      return;
    }
    this.localPersona = persona;
    sendFrom(this.model, this.session.view, { type: "persona", persona });
    this.session.tell({ persona });
    this.refresh();
  }

  /** Redraw, keeping an open editor (its text, caret and conflict) on its cell. */
  private refresh(): void {
    const held = this.edits.hold();
    this.render();
    if (held && !this.edits.reopen(held, true)) this.edits.lost(held);
  }

  /** The cell a target is drawn in now (a step's column may have moved, or be gone). */
  private cellFor(target: Target): HTMLElement | null {
    if (target.type === "stage") {
      const heads = Array.from(this.scroller.querySelectorAll<HTMLElement>("[data-row='-1']"));
      return heads.find((c) => c.dataset.stage === target.stage) ?? null;
    }
    const lane = target.type === "step" ? -1 : this.journey.lanes.findIndex((l) => l.key === target.lane.key);
    const { row, col } = this.compare.at(target.id, lane, this.layout);
    if (col < 0 || row < STEP_ROW || (target.type === "lane" && row === STEP_ROW)) return null;
    if (col < this.drawn[0] || col >= this.drawn[1]) this.setFocus({ row, col }, true, false);
    return this.cellAt({ row, col }) ?? null;
  }

  /** Send an op with the journey revision it was made from, the persona shown and, for a
   * cell, the value it expects to replace. */
  private send(op: EditOp, expected?: CellValue): number {
    const valued = op.kind === "set_cell" || op.kind === "set_emotion" || op.kind === "set_moment" || op.kind === "rename_stage";
    const sent = expected === undefined || !valued ? op : { ...op, expected };
    return this.session.send(sent, { revision: this.journey.revision, persona: this.compare.persona(this.focus, this.persona()) });
  }

  private paintPresence(): void {
    this.presence.paint(this.others);
  }

  /** The cell drawn now at a place another view names (see presence_paint.ts). */
  private placeCell(at: PresencePlace): HTMLElement | null | undefined {
    if ("stage" in at) return this.cellFor({ type: "stage", stage: at.stage });
    const pos = this.compare.at(at.id, at.lane, this.layout);
    return pos.col < 0 || pos.row < STEP_ROW ? null : this.cellAt(pos);
  }

  render(): void {
    const hadFocus = this.scroller.contains(document.activeElement);
    this.edits.close();
    const j = this.journey;
    const persona = this.persona();
    this.layout = this.compare.lay(j, persona) ?? layoutMap(j, persona);
    this.root.dataset.revision = String(j.revision);
    this.personas.show(j.personas, persona);
    if (this.compare.layout?.kind === "persona") this.personas.box.hidden = true; // every persona is shown
    this.panel.show(j, persona);
    this.table.show(() => this.tableOf(j, persona));
    const { columns } = this.layout;
    if (columns.length === 0) {
      this.grid = [];
      this.drawn = [0, 0];
      this.scroller.replaceChildren();
      const add = t(this.lang, "toolbar.stage");
      this.hint.textContent = persona === null
        ? t(this.lang, "map.empty", { add }) : t(this.lang, "map.empty_persona", { persona, add });
      this.hint.hidden = false;
      this.updateButtons();
      return;
    }
    this.hint.hidden = true;
    this.focus = {
      row: Math.max(-1, Math.min(this.compare.rows(j.lanes.length), this.focus.row)),
      col: Math.max(0, Math.min(columns.length - 1, this.focus.col)),
    };
    const rows = columns.map((c) => c.row);
    this.drawings = this.compare.drawings(j, this.lang) ?? j.lanes.map((lane, i) =>
      laneModule(lane.kind).prepare({ lane, values: j.cells[i] ?? [], rows, scale: j.scale, lang: this.lang, breaks: curveBreaks(this.layout) }));
    this.drawWindow(hadFocus, this.wantedWindow());
    this.focusPending();
  }

  private wantedWindow(): [number, number] {
    const width = this.scroller.clientWidth || 1600;
    return visibleWindow(Math.max(0, this.scroller.scrollLeft - HEAD_WIDTH), width,
      this.layout.columns.length, COLUMN_WIDTH, OVERSCAN);
  }

  private readonly onScroll = (): void => {
    if (this.scrollQueued) return;
    this.scrollQueued = true;
    requestAnimationFrame(() => {
      this.scrollQueued = false;
      const count = this.layout.columns.length;
      if (this.editor || count === 0) return;
      const wanted = this.wantedWindow();
      if (!windowCovers(this.drawn, wanted, OVERSCAN, count)) {
        this.drawWindow(this.scroller.contains(document.activeElement), wanted);
      }
    });
  };

  private drawWindow(keepFocus: boolean, window: [number, number]): void {
    this.drawn = window;
    const { table, cells } = this.compare.grid({
      layout: this.layout, lanes: this.journey.lanes, drawings: this.drawings, persona: this.persona(), window,
      lang: this.lang, blueprint: this.journey.blueprint === true,
    });
    this.grid = cells;
    this.scroller.replaceChildren(table);
    this.paintSelection();
    this.paintPresence();
    this.presenter.paint();
    this.updateButtons();
    const cell = this.cellAt(this.focus) ?? this.grid[1][window[0]];
    if (cell) {
      cell.tabIndex = 0;
      if (keepFocus) cell.focus({ preventScroll: true });
    }
  }

  private paintSelection(): void {
    this.compare.paintSelection(this.grid, this.session.selected());
  }

  private updateButtons(): void {
    const cols = this.layout.columns.length;
    const none = cols === 0;
    const set = (a: Action, disabled: boolean) => { const b = this.buttons.get(a); if (b) b.disabled = disabled; };
    set("insert", none);
    set("delete", none);
    set("left", none || this.focus.col === 0);
    set("right", none || this.focus.col >= cols - 1);
    (this.grid[1] ?? []).forEach((cell, col) => cell.classList.toggle("is-current", col === this.focus.col));
  }

  // -- actions -------------------------------------------------------------------------

  /**
   * A toolbar action or its shortcut. Focus goes back to the grid, on the step acted on, so
   * that the keyboard carries on from there (the redraw moves it onto a new step).
   */
  private act(action: Action, fromToolbar = false): void {
    if (this.readOnly) return;
    if (action === "undo" || action === "redo") this.session.history(action);
    else {
      // Side by side, a step action acts on the focused track's step (none on a gap).
      const next = this.compare.plan(action, this.layout, this.focus, this.lang);
      if (!next) return;
      const acted = this.cellAt({ row: STEP_ROW, col: this.focus.col });
      this.focus = next.focus;
      this.send(next.op);
      if (fromToolbar) (this.cellAt(this.focus) ?? acted)?.focus({ preventScroll: true });
      this.updateButtons();
      return;
    }
    if (fromToolbar) this.cellAt(this.focus)?.focus({ preventScroll: true });
  }

  /** The table view, the image menu or the priorities panel, opened or closed by its shortcut. */
  private viewAction(action: ViewAction): void {
    if (action === "table") this.showTable(!this.table.isOpen);
    else if (action === "compare") {
      if (!this.compare.button.hidden) this.switchCompare(!this.compare.isOn);
    }
    else if (action === "image") this.image.open(0);
    else if (action === "next-persona" || action === "previous-persona") {
      const persona = otherPersona(this.journey.personas, this.persona(), action === "next-persona" ? 1 : -1);
      if (persona !== null) this.switchPersona(persona);
    }
    else if (!this.panel.toggle.hidden) {
      this.panel.setOpen(!this.panel.isOpen);
      if (this.panel.isOpen) this.panel.focusList();
      else this.focusGrid();
    }
  }

  /** The table in place of the grid, or the grid back, with the focus on the step it was on. */
  private showTable(open: boolean): void {
    this.table.setOpen(open);
    this.scroller.hidden = open;
    if (open) {
      this.table.show(() => this.tableOf(this.journey, this.persona()));
      this.table.box.focus();
    } else this.focusGrid();
  }

  /** The table view's content: tracks side by side as the grid draws them, or the persona's. */
  private tableOf(j: Journey, persona: string | null): TableModel {
    const title = this.model.get("title");
    return this.compare.table(j, persona, title, this.lang) ?? tableModel(j, this.layout, persona, title, this.lang);
  }

  /** Back to the grid, on its current step (drawn and scrolled to if need be). */
  private focusGrid(): void {
    if (this.layout.columns.length > 0 && !this.table.isOpen) this.setFocus(this.focus);
  }

  /** An image saved, a panel closed: the keyboard carries on in the grid. */
  private returnFocusFromMenus(): void {
    this.image.box.addEventListener("click", (e) => {
      if (e.target instanceof Element && e.target.closest("[role=menuitem]")) this.focusGrid();
    });
    this.panel.closed = () => this.focusGrid();
    this.checks.closed = () => this.focusGrid();
  }

  /** Side by side, the focused cell selects its own step or its header's column (see compare_view.ts). */
  private select(id: number, mode: SelectMode): void {
    const now = this.session.selected();
    const next = this.compare.select(this.focus, now, this.anchor, mode) ?? nextSelection(this.layout.columns, now, this.anchor, id, mode);
    this.anchor = next.anchor;
    this.session.select(next.ids);
    this.paintSelection();
  }

  /** Select a step picked in the priorities panel and focus its header, scrolled into view. */
  private goTo(id: number): void {
    const { col } = this.compare.at(id, -1, this.layout);
    if (this.compare.layout) {
      this.session.select([id]);
      this.paintSelection();
    } else this.select(id, "only");
    if (col >= 0) this.setFocus({ row: STEP_ROW, col });
  }

  /** Open or close the checks panel; by its key, the keyboard goes into it or back to the grid. */
  private toggleChecks(open: boolean, takeFocus = false): void {
    this.checks.setOpen(open);
    if (!takeFocus) return;
    if (open) this.checks.focusList();
    else this.focusGrid();
  }

  /** Tell Python the panel opened (the findings are wanted, in this language) or closed. */
  private watchChecks(open: boolean): void {
    if (this.readOnly) return;
    sendFrom(this.model, this.session.view, { type: "checks", open, lang: this.checksLang ?? lang(this.model) });
  }

  /** A finding picked in the checks panel: its persona shown, its step selected and focused. */
  private goToFinding(item: CheckItem): void {
    if (item.persona !== null && item.persona !== this.persona() && this.journey.personas.includes(item.persona)) {
      this.switchPersona(item.persona);
    }
    if (item.id !== null) this.goTo(item.id);
    else this.cellAt(this.focus)?.focus({ preventScroll: true });
  }

  // -- focus ---------------------------------------------------------------------------

  private cellAt(pos: GridPos): HTMLElement | undefined {
    return this.grid[pos.row + 1]?.[pos.col];
  }

  private posOf(cell: HTMLElement): GridPos {
    return { row: Number(cell.dataset.row), col: Number(cell.dataset.col) };
  }

  private cellOf(target: EventTarget | null): HTMLElement | null {
    if (!(target instanceof Element)) return null;
    const cell = target.closest<HTMLElement>("[data-row]");
    return cell && this.scroller.contains(cell) ? cell : null;
  }

  private setFocus(pos: GridPos, move = true, takeFocus = move): void {
    const old = this.cellAt(this.focus);
    if (old) old.tabIndex = -1;
    this.focus = pos;
    if (move && (pos.col < this.drawn[0] || pos.col >= this.drawn[1])) {
      // Scroll the column into view and draw its window before focusing it.
      const left = pos.col * COLUMN_WIDTH;
      const view = this.scroller.clientWidth - HEAD_WIDTH;
      this.scroller.scrollLeft = Math.max(0, left - Math.max(0, view - COLUMN_WIDTH) / 2);
      this.drawWindow(false, this.wantedWindow());
    }
    const cell = this.cellAt(pos);
    if (!cell) return;
    cell.tabIndex = 0;
    if (move) {
      if (takeFocus) cell.focus({ preventScroll: true });
      this.reveal(cell);
    }
    this.updateButtons();
  }

  /** Scroll so that a cell is not hidden under the sticky lane titles or headers. */
  private reveal(cell: HTMLElement): void {
    const box = cell.getBoundingClientRect();
    const view = this.scroller.getBoundingClientRect();
    if (box.left < view.left + HEAD_WIDTH) this.scroller.scrollLeft -= view.left + HEAD_WIDTH - box.left;
    else if (box.right > view.right) this.scroller.scrollLeft += box.right - view.right;
    cell.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  }

  // -- pointer and keyboard ------------------------------------------------------------

  private onFocusIn(e: FocusEvent): void {
    const cell = this.cellOf(e.target);
    if (cell && !this.editor) {
      const pos = this.posOf(cell);
      if (pos.row !== this.focus.row || pos.col !== this.focus.col) this.setFocus(pos, false);
    }
  }

  private onClick(e: MouseEvent): void {
    const cell = this.cellOf(e.target);
    if (!cell || this.editor?.cell === cell) return;
    const pos = this.posOf(cell);
    this.setFocus(pos, document.activeElement !== cell);
    if (pos.row < STEP_ROW || cell.dataset.id === undefined) return;
    this.select(Number(cell.dataset.id), e.shiftKey ? "extend" : e.ctrlKey || e.metaKey ? "toggle" : "only");
  }

  private onDoubleClick(e: MouseEvent): void {
    const cell = this.cellOf(e.target);
    const target = cell && this.targetOf(cell);
    if (target && (target.type !== "lane" || laneModule(target.lane.kind).editOnDoubleClick)) this.startEdit(cell!);
  }

  /** A press on a lane cell is the lane's (the emotion lane drags its point). */
  private onPointerDown(e: PointerEvent): void {
    const cell = this.cellOf(e.target);
    const target = cell && !this.editor ? this.targetOf(cell) : null;
    if (target?.type !== "lane" || this.readOnly) return;
    this.pressed = { id: target.id, key: target.lane.key, value: drawnValue(this.journey, { kind: "set_cell", id: target.id, column: target.lane.key, value: null }) };
    // Cleared once the release has been handled (the lane sends its edit on release).
    window.addEventListener("pointerup", () => setTimeout(() => { this.pressed = null; }, 0), { once: true });
    this.drawings[Number(cell!.dataset.row) - 1]?.pointerDown?.(e, cell!, Number(cell!.dataset.col), target.id, this.host);
  }

  private onRootKey(e: KeyboardEvent): void {
    // While a cell is edited, Ctrl+Z is the editor's own undo.
    if (this.session.historyKey(e, !this.editor && !this.readOnly) || this.editor) return;
    if (e.key === "Escape") this.session.clear();
    const view = viewShortcut(e);
    if (view) {
      e.preventDefault();
      this.viewAction(view);
      return;
    }
    if (checksShortcut(e)) {
      e.preventDefault();
      this.toggleChecks(!this.checks.isOpen, true);
      return;
    }
    const action = shortcut(e);
    if (action) {
      e.preventDefault();
      this.act(action, !this.scroller.contains(document.activeElement));
    }
  }

  private onGridKey(e: KeyboardEvent): void {
    if (this.editor) return;
    const cell = this.cellOf(e.target);
    if (!cell) return;
    const target = this.targetOf(cell);
    if (e.altKey) {
      // Alt acts on the step: the lane's own (Alt+↑/↓ on an emotion), else the toolbar's (onRootKey).
      if (target?.type === "lane" && !this.readOnly) this.drawings[Number(cell.dataset.row) - 1]?.key?.(e, this.focus.col, target.id, this.host);
      return;
    }
    if (ARROWS.has(e.key) && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      this.setFocus(moveFocus(this.focus, e.key, this.compare.rows(this.journey.lanes.length), this.layout.columns.length, this.layout.stages));
      return;
    }
    if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      this.startEdit(cell);
      return;
    }
    if (e.key === " " && target && target.type !== "stage") {
      e.preventDefault();
      this.select(target.id, e.shiftKey ? "extend" : e.ctrlKey ? "toggle" : "only");
      return;
    }
    if (this.readOnly) return;
    if (target?.type === "lane" && this.drawings[Number(cell.dataset.row) - 1]?.key?.(e, this.focus.col, target.id, this.host)) return;
    if ((e.key === "Delete" || e.key === "Backspace") && target?.type === "lane") {
      e.preventDefault();
      // No editor opened: the value it clears is the one drawn in the cell.
      this.edits.editing = { expected: drawnValue(this.journey, { kind: "set_cell", id: target.id, column: target.lane.key, value: null }), conflict: null };
      this.edits.commit(target, "");
      return;
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && target) {
      // Typing starts an edit with the key typed, except where the editor is a list to pick from.
      const spec = target.type === "lane" ? laneModule(target.lane.kind).editor(target.lane, null) : null;
      if (spec?.type !== "select") {
        e.preventDefault();
        this.startEdit(cell, e.key);
      }
    }
  }

  // -- in-place editing ----------------------------------------------------------------

  private targetOf(cell: HTMLElement): Target | null {
    const row = Number(cell.dataset.row);
    if (row === -1) return { type: "stage", stage: cell.dataset.stage ?? "" };
    if (cell.dataset.id === undefined) return null; // a gap: that track has no such step
    const id = Number(cell.dataset.id);
    if (row === STEP_ROW) return { type: "step", id };
    const lane = this.journey.lanes[this.compare.laneOf(row)];
    return lane ? { type: "lane", id, lane } : null;
  }

  startEdit(cell: HTMLElement, typed?: string, reopen: EditOptions = {}): void {
    this.edits.start(cell, typed, reopen);
  }

  /** The open editor, what it is for, and the edits sent (see cell_edits.ts). */
  private get editor(): CellEditor | null {
    return this.edits.editor;
  }

  private get editing(): CellEdits["editing"] {
    return this.edits.editing;
  }

  private get sentEdits(): CellEdits["sent"] {
    return this.edits.sent;
  }

  /** A cell edit refused because the cell changed meanwhile (see cell_edits.ts). */
  private conflicted(target: Target, text: string, conflict: Conflict, control?: CellEditor["control"]): void {
    this.edits.conflicted(target, text, conflict, control);
  }
}
