// The journey map view: draws the model's state and turns gestures into edit ops.

import { el } from "../shared/dom";
import { historyKey } from "../shared/keys";
import type { WidgetModel } from "../shared/model";
import {
  decodeJourney,
  isEditResult,
  type CellValue,
  type EditOp,
  type Journey,
  type LaneSpec,
} from "../shared/wire";
import {
  channelContent,
  COLUMN_WIDTH,
  EMOTION_HEIGHT,
  HEAD_WIDTH,
  emotionContent,
  flagContent,
  numberContent,
  textContent,
} from "./cells";
import { editText, FLAG_LABELS, flagKind, formatEmotion } from "./format";
import {
  emotionAt,
  emotionCells,
  laneExtent,
  layoutMap,
  moveFocus,
  selectRange,
  visibleWindow,
  windowCovers,
  type EmotionCell,
  type GridPos,
  type MapLayout,
} from "./layout";

type Target =
  | { type: "stage"; stage: string }
  | { type: "step"; id: number }
  | { type: "lane"; id: number; lane: LaneSpec };

interface Editing {
  cell: HTMLElement;
  control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  target: Target;
  initial: string;
  done: boolean;
}

const STEP_ROW = 0;
/** Columns drawn beyond each side of the view, so a short scroll needs no redraw. */
const OVERSCAN = 6;
/** How far (px) from an emotion point a press still grabs it. */
const DRAG_REACH = 14;

export class MapView {
  readonly root: HTMLDivElement;
  private readonly personaSelect: HTMLSelectElement;
  private readonly personaBox: HTMLLabelElement;
  private readonly message: HTMLDivElement;
  private readonly scroller: HTMLDivElement;
  private readonly hint: HTMLDivElement;
  private readonly buttons: Record<string, HTMLButtonElement> = {};
  private journey: Journey = decodeJourney(null);
  private layout: MapLayout = { columns: [], stages: [] };
  private grid: HTMLElement[][] = [];
  private focus: GridPos = { row: STEP_ROW, col: 0 };
  private anchor: number | null = null;
  private editing: Editing | null = null;
  private requests = 0;
  private drawn: [number, number] = [0, 0];
  private scrollQueued = false;
  private flags: (string | null)[] = [];
  private extents: [number, number][] = [];
  private curve: EmotionCell[] = [];

  constructor(private readonly model: WidgetModel) {
    this.personaSelect = el("select", { class: "cjm-persona-select", "aria-label": "Persona" });
    this.personaBox = el("label", { class: "cjm-persona" }, "Persona ", this.personaSelect);
    const toolbar = el("div", { class: "cjm-toolbar", role: "toolbar", "aria-label": "Journey map tools" },
      this.personaBox,
      this.button("insert", "Insert step", "Insert a step after the current one"),
      this.button("delete", "Delete step", "Delete the current step"),
      this.button("left", "\u25C0 Move", "Move the current step left (Alt+\u2190)"),
      this.button("right", "Move \u25B6", "Move the current step right (Alt+\u2192)"),
      this.button("stage", "Add stage", "Add a stage after the current step's stage"),
      this.button("undo", "Undo", "Undo (Ctrl+Z)"),
      this.button("redo", "Redo", "Redo (Ctrl+Shift+Z)"),
    );
    this.message = el("div", { class: "cjm-message", role: "alert", "aria-live": "assertive" });
    this.hint = el("div", { class: "cjm-hint" });
    this.scroller = el("div", { class: "cjm-scroll" });
    this.root = el("div", { class: "cjm-map", "data-lm-suppress-shortcuts": "true", "data-revision": 0 },
      toolbar, this.message, this.hint, this.scroller);

    this.personaSelect.addEventListener("change", () => {
      this.model.set("active_persona", this.personaSelect.value);
      this.model.save_changes();
    });
    this.root.addEventListener("keydown", (e) => this.onRootKey(e));
    this.scroller.addEventListener("click", (e) => this.onClick(e));
    this.scroller.addEventListener("dblclick", (e) => this.onDoubleClick(e));
    this.scroller.addEventListener("keydown", (e) => this.onGridKey(e));
    this.scroller.addEventListener("focusin", (e) => this.onFocusIn(e));
    this.scroller.addEventListener("pointerdown", (e) => this.onPointerDown(e));
    this.scroller.addEventListener("scroll", this.onScroll, { passive: true });
  }

  // -- model events ------------------------------------------------------------------

  readonly onJourney = (): void => {
    this.journey = decodeJourney(this.model.get("_journey"));
    // An open editor keeps its text; the map is redrawn when the edit ends.
    if (!this.editing) this.render();
  };

  readonly onSelection = (): void => this.paintSelection();

  readonly onMessage = (msg: unknown): void => {
    if (!isEditResult(msg)) return;
    if (msg.ok) this.say("");
    else {
      this.say(msg.message ?? "The edit was rejected.");
      this.render(); // drop what the editor showed before Python said no
    }
  };

  // -- drawing -------------------------------------------------------------------------

  private persona(): string | null {
    const personas = this.journey.personas;
    if (personas.length === 0) return null;
    const active = this.model.get("active_persona");
    return typeof active === "string" && personas.includes(active) ? active : personas[0];
  }

  render(): void {
    const hadFocus = this.scroller.contains(document.activeElement);
    if (this.editing) this.editing.done = true;
    this.editing = null;
    const j = this.journey;
    const persona = this.persona();
    this.layout = layoutMap(j, persona);
    this.root.dataset.revision = String(j.revision);
    this.renderPersonas(persona);
    const { columns } = this.layout;
    if (columns.length === 0) {
      this.grid = [];
      this.drawn = [0, 0];
      this.scroller.replaceChildren();
      this.hint.textContent = persona === null
        ? "This journey has no steps yet. Use \u201cAdd stage\u201d to start it."
        : `Persona \u201c${persona}\u201d has no steps yet. Use \u201cAdd stage\u201d to start.`;
      this.hint.hidden = false;
      this.updateButtons();
      return;
    }
    this.hint.hidden = true;
    this.focus = {
      row: Math.max(-1, Math.min(j.lanes.length, this.focus.row)),
      col: Math.max(0, Math.min(columns.length - 1, this.focus.col)),
    };
    // Scales and curves span every step, so a windowed draw looks the same as a full one.
    const rows = columns.map((c) => c.row);
    const flagLane = j.lanes.find((l) => l.kind === "flag");
    this.flags = flagLane ? rows.map((r) => flagKind(j.cells[flagLane.key][r] ?? null)) : rows.map(() => null);
    this.extents = j.lanes.map((lane) =>
      lane.kind === "number" ? laneExtent(j.cells[lane.key] ?? [], rows) : ([0, 0] as [number, number]));
    this.curve = [];
    const emotion = j.lanes.find((l) => l.kind === "emotion");
    if (emotion) {
      const values = j.cells[emotion.key] ?? [];
      this.curve = emotionCells(rows.map((r) => (typeof values[r] === "number" ? (values[r] as number) : null)),
        j.scale, EMOTION_HEIGHT);
    }
    this.drawWindow(hadFocus, this.wantedWindow());
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
      if (this.editing || this.layout.columns.length === 0) return;
      const wanted = this.wantedWindow();
      if (!windowCovers(this.drawn, wanted, OVERSCAN)) {
        this.drawWindow(this.scroller.contains(document.activeElement), wanted);
      }
    });
  };

  /** Draw the columns [start, end); spacer columns keep the table's full width. */
  private drawWindow(keepFocus: boolean, [start, end]: [number, number]): void {
    const j = this.journey;
    const { columns, stages } = this.layout;
    const persona = this.persona();
    this.drawn = [start, end];
    const count = columns.length;
    this.grid = Array.from({ length: j.lanes.length + 2 }, () => new Array<HTMLElement>(count));
    const spacer = (width: number) =>
      width > 0 ? el("td", { class: "cjm-spacer", "aria-hidden": "true" }) : null;
    const leftWidth = start * COLUMN_WIDTH;
    const rightWidth = (count - end) * COLUMN_WIDTH;

    const stageRow = el("tr", { class: "cjm-stages" }, el("th", { class: "cjm-corner", scope: "col" }, "Stage"),
      spacer(leftWidth));
    for (const group of stages) {
      const from = Math.max(start, group.start);
      const to = Math.min(end, group.start + group.count);
      if (from >= to) continue;
      const th = el("th", {
        class: "cjm-stage", scope: "colgroup", colspan: to - from, tabindex: -1,
        "data-stage": group.name, "data-row": -1, "data-col": group.start, "aria-colindex": from + 2,
      }, el("span", { class: "cjm-stage-name" }, group.name));
      for (let c = from; c < to; c++) this.grid[0][c] = th;
      stageRow.append(th);
    }
    stageRow.append(spacer(rightWidth) ?? "");

    const stepRow = el("tr", { class: "cjm-steps" }, el("th", { class: "cjm-lane-head", scope: "row" }, "Step"),
      spacer(leftWidth));
    for (let col = start; col < end; col++) {
      const c = columns[col];
      const kind = this.flags[col];
      const mark = kind === null ? null : el("span", {
        class: "cjm-mot", "data-flag": kind,
        title: kind === "moment" ? "Moment of truth" : `Moment of truth: ${FLAG_LABELS[kind] ?? kind}`,
      }, "\u2605");
      const th = el("th", {
        class: "cjm-step" + this.stageStart(col), scope: "col", tabindex: -1,
        "data-id": c.id, "data-row": STEP_ROW, "data-col": col, "aria-colindex": col + 2,
      }, mark, el("span", { class: "cjm-step-name" }, c.step));
      stepRow.append(th);
      this.grid[1][col] = th;
    }
    stepRow.append(spacer(rightWidth) ?? "");

    const body = el("tbody");
    j.lanes.forEach((lane, index) => {
      const tr = el("tr", { class: `cjm-lane cjm-kind-${lane.kind}`, "data-lane": lane.key },
        el("th", { class: "cjm-lane-head", scope: "row" }, lane.label), spacer(leftWidth));
      const values = j.cells[lane.key] ?? [];
      for (let col = start; col < end; col++) {
        const td = this.laneCell(lane, index, values[columns[col].row] ?? null, col);
        tr.append(td);
        this.grid[index + 2][col] = td;
      }
      tr.append(spacer(rightWidth) ?? "");
      body.append(tr);
    });

    const cols = el("colgroup", {}, el("col", { class: "cjm-col-head" }));
    if (leftWidth > 0) cols.append(el("col", { style: `width: ${leftWidth}px` }));
    for (let col = start; col < end; col++) cols.append(el("col", { class: "cjm-col-step" }));
    if (rightWidth > 0) cols.append(el("col", { style: `width: ${rightWidth}px` }));
    const table = el("table", {
      class: "cjm-grid", role: "grid", "aria-label": persona === null ? "Journey map" : `Journey map: ${persona}`,
      "aria-rowcount": j.lanes.length + 2, "aria-colcount": count + 1,
    }, cols, el("thead", {}, stageRow, stepRow), body);
    table.style.width = `${HEAD_WIDTH + COLUMN_WIDTH * count}px`;
    this.scroller.replaceChildren(table);
    this.paintSelection();
    this.updateButtons();
    const cell = this.cellAt(this.focus) ?? this.grid[1][start];
    if (cell) {
      cell.tabIndex = 0;
      if (keepFocus) cell.focus({ preventScroll: true });
    }
  }

  private stageStart(col: number): string {
    const { columns } = this.layout;
    return col > 0 && columns[col - 1].stage !== columns[col].stage ? " cjm-stage-start" : "";
  }

  private laneCell(lane: LaneSpec, index: number, v: CellValue, col: number): HTMLElement {
    let content: Node[];
    switch (lane.kind) {
      case "emotion": content = emotionContent(this.curve[col], this.journey.scale); break;
      case "channel": content = channelContent(v); break;
      case "number": content = numberContent(v, lane, this.extents[index]); break;
      case "flag": content = flagContent(v); break;
      default: content = textContent(v, lane);
    }
    return el("td", {
      class: "cjm-cell" + this.stageStart(col), role: "gridcell", tabindex: -1,
      "data-id": this.layout.columns[col].id, "data-row": index + 1, "data-col": col, "aria-colindex": col + 2,
    }, ...content);
  }

  private renderPersonas(active: string | null): void {
    const personas = this.journey.personas;
    this.personaBox.hidden = personas.length === 0;
    const current = Array.from(this.personaSelect.options).map((o) => o.value);
    if (current.join("\u0000") !== personas.join("\u0000")) {
      this.personaSelect.replaceChildren(...personas.map((p) => el("option", { value: p }, p)));
    }
    if (active !== null) this.personaSelect.value = active;
  }

  private paintSelection(): void {
    const selected = new Set(this.selectedIds());
    this.grid.slice(1).forEach((row, k) => {
      row.forEach((cell) => {
        const on = selected.has(Number(cell.dataset.id));
        cell.classList.toggle("is-selected", on);
        if (k === 0) cell.setAttribute("aria-selected", String(on));
      });
    });
  }

  private updateButtons(): void {
    const cols = this.layout.columns.length;
    const none = cols === 0;
    this.buttons.insert.disabled = none;
    this.buttons.delete.disabled = none;
    this.buttons.left.disabled = none || this.focus.col === 0;
    this.buttons.right.disabled = none || this.focus.col >= cols - 1;
    (this.grid[1] ?? []).forEach((cell, col) => cell.classList.toggle("is-current", col === this.focus.col));
  }

  private say(text: string): void {
    this.message.textContent = text;
    this.message.hidden = text === "";
  }

  // -- edit ops ------------------------------------------------------------------------

  private send(op: EditOp): void {
    this.model.send({ type: "edit", request: ++this.requests, op });
  }

  private sendHistory(type: "undo" | "redo"): void {
    this.model.send({ type, request: ++this.requests });
  }

  private current(): { id: number; stage: string } | null {
    const c = this.layout.columns[this.focus.col];
    return c ? { id: c.id, stage: c.stage } : null;
  }

  private act(action: string): void {
    const current = this.current();
    switch (action) {
      case "insert":
        if (!current) return;
        this.focus = { row: STEP_ROW, col: this.focus.col + 1 };
        this.send({ kind: "insert_step", after: current.id });
        break;
      case "delete":
        if (current) this.send({ kind: "delete_step", id: current.id });
        break;
      case "left":
      case "right": {
        if (!current) return;
        const direction = action === "left" ? -1 : 1;
        const stage = this.layout.stages.find((s) => s.name === current.stage);
        const crosses = stage !== undefined && (direction === -1
          ? this.focus.col === stage.start
          : this.focus.col === stage.start + stage.count - 1);
        if (!crosses) this.focus = { ...this.focus, col: this.focus.col + direction };
        this.send({ kind: "move_step", id: current.id, direction });
        break;
      }
      case "stage": {
        const group = current ? this.layout.stages.find((s) => s.name === current.stage) : undefined;
        if (group) this.focus = { row: -1, col: group.start + group.count };
        this.send({ kind: "add_stage", after: current ? current.stage : null });
        break;
      }
      case "undo":
      case "redo":
        this.sendHistory(action);
        break;
    }
  }

  private button(action: string, label: string, title: string): HTMLButtonElement {
    const b = el("button", { type: "button", class: "cjm-button", "data-action": action, title }, label);
    b.addEventListener("click", () => this.act(action));
    this.buttons[action] = b;
    return b;
  }

  // -- selection -----------------------------------------------------------------------

  private selectedIds(): number[] {
    const ids = this.model.get("_selected_ids");
    return Array.isArray(ids) ? (ids as number[]) : [];
  }

  private select(id: number, mode: "only" | "extend" | "toggle"): void {
    let ids: number[];
    if (mode === "extend") ids = selectRange(this.layout.columns, this.anchor, id);
    else if (mode === "toggle") {
      const now = this.selectedIds();
      ids = now.includes(id) ? now.filter((x) => x !== id) : [...now, id];
      this.anchor = id;
    } else {
      ids = [id];
      this.anchor = id;
    }
    this.model.set("_selected_ids", ids);
    this.model.save_changes();
    this.paintSelection();
  }

  // -- pointer and keyboard ------------------------------------------------------------

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

  private setFocus(pos: GridPos, move = true): void {
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
      cell.focus({ preventScroll: true });
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

  private onFocusIn(e: FocusEvent): void {
    const cell = this.cellOf(e.target);
    if (cell && !this.editing) {
      const pos = this.posOf(cell);
      if (pos.row !== this.focus.row || pos.col !== this.focus.col) this.setFocus(pos, false);
    }
  }

  private onClick(e: MouseEvent): void {
    const cell = this.cellOf(e.target);
    if (!cell || this.editing?.cell === cell) return;
    const pos = this.posOf(cell);
    this.setFocus(pos, document.activeElement !== cell);
    if (pos.row < STEP_ROW) return;
    const id = Number(cell.dataset.id);
    this.select(id, e.shiftKey ? "extend" : e.ctrlKey || e.metaKey ? "toggle" : "only");
  }

  private onDoubleClick(e: MouseEvent): void {
    const cell = this.cellOf(e.target);
    // Emotion points are dragged; Enter opens their number editor.
    if (cell && !this.isEmotion(cell)) this.startEdit(cell);
  }

  private isEmotion(cell: HTMLElement): boolean {
    const t = this.targetOf(cell);
    return t?.type === "lane" && t.lane.kind === "emotion";
  }

  /**
   * Emotion points are dragged: press on the point, move, release. A click that does not
   * move changes nothing; in a step with no emotion yet, a click places the point.
   */
  private onPointerDown(e: PointerEvent): void {
    const cell = this.cellOf(e.target);
    if (!cell || !this.isEmotion(cell) || e.button !== 0 || this.editing) return;
    const col = Number(cell.dataset.col);
    const point = this.curve[col];
    const top = cell.getBoundingClientRect().top;
    const startY = e.clientY - top;
    const placing = point?.y === null || point?.y === undefined;
    if (!placing && Math.abs(startY - point.y!) > DRAG_REACH) return;
    e.preventDefault();
    const id = Number(cell.dataset.id);
    const valueAt = (ev: PointerEvent) => emotionAt(ev.clientY - top, this.journey.scale, EMOTION_HEIGHT);
    let moved = false;
    const move = (ev: PointerEvent) => {
      if (Math.abs(ev.clientY - top - startY) > 3) moved = true;
      if (!moved) return;
      cell.classList.add("is-dragging");
      this.previewEmotion(cell, valueAt(ev));
    };
    const up = (ev: PointerEvent) => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      cell.classList.remove("is-dragging");
      if (!moved && !placing) return;
      const value = valueAt(ev);
      if (value !== point?.value) this.send({ kind: "set_emotion", id, value });
      else this.render();
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  }

  /** Move a dragged point (and its label) to where it would land, before Python confirms. */
  private previewEmotion(cell: HTMLElement, value: number): void {
    const [preview] = emotionCells([value], this.journey.scale, EMOTION_HEIGHT);
    const dot = cell.querySelector("circle.cjm-dot");
    const label = cell.querySelector("text.cjm-dot-label");
    if (dot && preview.y !== null) dot.setAttribute("cy", String(preview.y));
    if (label && preview.y !== null) {
      label.setAttribute("y", String(preview.y > 20 ? preview.y - 6 : preview.y + 14));
      label.textContent = formatEmotion(value);
    }
  }

  private onRootKey(e: KeyboardEvent): void {
    // While a cell is edited, Ctrl+Z is the editor's own undo.
    historyKey(e, (type) => this.sendHistory(type), !this.editing);
  }

  private onGridKey(e: KeyboardEvent): void {
    if (this.editing) return;
    const cell = this.cellOf(e.target);
    if (!cell) return;
    const target = this.targetOf(cell);
    const arrows = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"];
    if (e.altKey && (e.key === "ArrowLeft" || e.key === "ArrowRight")) {
      e.preventDefault();
      this.act(e.key === "ArrowLeft" ? "left" : "right");
      return;
    }
    if (arrows.includes(e.key) && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      const next = moveFocus(this.focus, e.key, this.journey.lanes.length, this.layout.columns.length, this.layout.stages);
      this.setFocus(next);
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
    if (target?.type === "lane" && target.lane.kind === "emotion" && ["+", "-", "=", "_"].includes(e.key)) {
      e.preventDefault();
      const row = this.layout.columns[this.focus.col].row;
      const now = this.journey.cells[target.lane.key][row];
      const base = typeof now === "number" ? now : 0;
      const [lo, hi] = this.journey.scale;
      const step = e.key === "+" || e.key === "=" ? 1 : -1;
      const value = Math.max(lo, Math.min(hi, Math.round(base) + step));
      if (value !== now) this.send({ kind: "set_emotion", id: target.id, value });
      return;
    }
    if ((e.key === "Delete" || e.key === "Backspace") && target?.type === "lane") {
      e.preventDefault();
      this.commitValue(target, "");
      return;
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && target) {
      const select = target.type === "lane" && (target.lane.kind === "flag" || ["bool", "category"].includes(target.lane.dtype));
      if (!select) {
        e.preventDefault();
        this.startEdit(cell, e.key);
      }
    }
  }

  // -- in-place editing ----------------------------------------------------------------

  private targetOf(cell: HTMLElement): Target | null {
    const row = Number(cell.dataset.row);
    if (row === -1) return { type: "stage", stage: cell.dataset.stage ?? "" };
    const id = Number(cell.dataset.id);
    if (row === STEP_ROW) return { type: "step", id };
    const lane = this.journey.lanes[row - 1];
    return lane ? { type: "lane", id, lane } : null;
  }

  private valueOf(target: Target): CellValue {
    if (target.type === "stage") return target.stage;
    const column = this.layout.columns.find((c) => c.id === target.id);
    if (!column) return null;
    if (target.type === "step") return column.step;
    return this.journey.cells[target.lane.key]?.[column.row] ?? null;
  }

  startEdit(cell: HTMLElement, typed?: string): void {
    const target = this.targetOf(cell);
    if (!target) return;
    const value = this.valueOf(target);
    const initial = editText(value);
    let control: Editing["control"];
    const lane = target.type === "lane" ? target.lane : null;
    const choices = lane ? this.choices(lane) : null;
    if (choices) {
      control = el("select", { class: "cjm-editor", "aria-label": `Edit ${lane!.label}` },
        ...choices.map(([v, label]) => el("option", { value: v }, label)));
      control.value = lane!.kind === "flag" ? (flagKind(value) === "moment" ? "true" : flagKind(value) ?? (lane!.dtype === "bool" ? "false" : "")) : initial;
    } else if (lane && lane.dtype === "text" && lane.kind !== "emotion") {
      control = el("textarea", { class: "cjm-editor", rows: Math.max(2, initial.split("\n").length), "aria-label": `Edit ${lane.label}` });
      control.value = typed ?? initial;
    } else {
      const label = target.type === "stage" ? "Stage name" : target.type === "step" ? "Step name" : `Edit ${lane!.label}`;
      control = el("input", { class: "cjm-editor", type: "text", "aria-label": label });
      if (lane && lane.dtype !== "text" && lane.dtype !== "date") control.setAttribute("inputmode", "decimal");
      control.value = typed ?? initial;
    }
    const editing: Editing = { cell, control, target, initial: control.value, done: false };
    if (typed !== undefined) editing.initial = initial;
    this.editing = editing;
    cell.classList.add("is-editing");
    cell.replaceChildren(control);
    control.addEventListener("keydown", (e) => this.onEditorKey(e as KeyboardEvent, editing));
    control.addEventListener("blur", () => this.finishEdit(editing, true));
    if (control instanceof HTMLSelectElement) control.addEventListener("change", () => this.finishEdit(editing, true, true));
    control.focus();
    if (!(control instanceof HTMLSelectElement) && typed === undefined) control.select();
  }

  private choices(lane: LaneSpec): [string, string][] | null {
    if (lane.kind === "flag") {
      return lane.dtype === "bool"
        ? [["false", "\u2014"], ["true", "Moment of truth"]]
        : [["", "\u2014"], ["one-off", FLAG_LABELS["one-off"]], ["cross-journey", FLAG_LABELS["cross-journey"]]];
    }
    if (lane.dtype === "bool") return [["true", "yes"], ["false", "no"]];
    if (lane.dtype === "category") return [["", "\u2014"], ...(lane.options ?? []).map((o): [string, string] => [o, o])];
    return null;
  }

  private onEditorKey(e: KeyboardEvent, editing: Editing): void {
    e.stopPropagation();
    if (e.key === "Escape") {
      e.preventDefault();
      this.finishEdit(editing, false);
    } else if (e.key === "Enter" && !(e.shiftKey && editing.control instanceof HTMLTextAreaElement)) {
      e.preventDefault();
      this.finishEdit(editing, true, true);
    } else if (e.key === "Tab") {
      e.preventDefault();
      this.finishEdit(editing, true, false);
      const cols = this.layout.columns.length;
      const col = Math.max(0, Math.min(cols - 1, this.focus.col + (e.shiftKey ? -1 : 1)));
      this.setFocus({ row: this.focus.row === -1 ? STEP_ROW : this.focus.row, col });
    }
  }

  private finishEdit(editing: Editing, commit: boolean, refocus = false): void {
    if (editing.done) return;
    editing.done = true;
    if (this.editing === editing) this.editing = null;
    const text = editing.control.value;
    const changed = commit && text !== editing.initial;
    editing.cell.classList.remove("is-editing");
    if (changed) {
      editing.cell.classList.add("is-pending");
      editing.cell.replaceChildren(el("span", { class: "cjm-value" }, text));
      this.commitValue(editing.target, text);
    } else {
      this.render();
    }
    if (refocus) editing.cell.isConnected ? editing.cell.focus() : this.cellAt(this.focus)?.focus();
  }

  private commitValue(target: Target, text: string): void {
    if (target.type === "stage") {
      this.send({ kind: "rename_stage", stage: target.stage, name: text });
    } else if (target.type === "step") {
      this.send({ kind: "set_cell", id: target.id, column: this.journey.step_key, value: text });
    } else if (target.lane.kind === "emotion") {
      const value = text.trim() === "" ? null : Number(text.replace("\u2212", "-"));
      if (value !== null && !Number.isFinite(value)) {
        this.say(`${JSON.stringify(text)} is not a number on the emotion scale.`);
        this.render();
        return;
      }
      this.send({ kind: "set_emotion", id: target.id, value });
    } else if (target.lane.kind === "flag") {
      this.send({ kind: "set_flag", id: target.id, column: target.lane.key, value: text === "" ? null : text });
    } else {
      this.send({ kind: "set_cell", id: target.id, column: target.lane.key, value: text });
    }
  }
}
