// The emotion curve view: wires the model to a drawing (draw.ts), focus and selection, and
// turns drags (drag.ts) and keys (keys.ts) into edit ops sent through an EditSession.

import { el, svg } from "../shared/dom";
import type { WidgetModel } from "../shared/model";
import { printImage, printWith } from "../shared/print";
import { lang, t, type Lang } from "../shared/i18n";
import { EditSession } from "../shared/view";
import { visibleWindow, windowCovers } from "../shared/window";
import { ImageMenu } from "../shared/image_menu";
import { titleShortcuts } from "../shared/shortcuts";
import { TableView } from "../shared/table";
import { emotionWords, PointConflicts, type PointConflict } from "./conflict";
import { Drag } from "./drag";
import {
  AXIS_WIDTH, AXIS_Y, CURVE_KEYS, RIGHT, editable, pointAt, inView, movePoint, pointY, renderAxis, renderExtremes, renderGrid,
  renderLegend, renderLine, renderToolbar, renderMoments, renderStages, renderSteps, xOf, type Frame,
} from "./draw";
import { makeFrame, TextWidths } from "./frame";
import { curveViewImage } from "./image";
import { stepValue, type LineKind, type LinePoint, type PositionRange } from "./geometry";
import { nextSelection, plotKey, selectMode, type SelectMode } from "./keys";
import { curveTableModel } from "./table";
import { Tooltip, tipLines } from "./tooltip";
import { decodeCurve, type Curve, type CurveOp } from "./wire";

/** Steps drawn beyond each side of the view, so a short scroll needs no redraw. */
const OVERSCAN = 10;

type Target = { line: number; point: LinePoint };

/** What a view built again in another language takes over: its id (and so its undo), the
 * point it was on, the conflict it showed, and where the focus was. */
export interface Carried {
  view: string;
  focus: { line: number; id: number } | null;
  conflict: PointConflict | null;
  focused: "plot" | "conflict" | null;
}

export class CurveView {
  readonly root: HTMLDivElement;
  private readonly session: EditSession;
  private readonly toggle: HTMLFieldSetElement;
  private readonly radios: Record<LineKind, HTMLInputElement>;
  private readonly legend: HTMLDivElement;
  private readonly chart: HTMLDivElement;
  private readonly table: TableView;
  private readonly hint: HTMLDivElement;
  private readonly axis: SVGSVGElement;
  private readonly scroller: HTMLDivElement;
  private readonly plot: SVGSVGElement;
  private readonly tip = new Tooltip();
  private curve: Curve = decodeCurve(null);
  private f: Frame;
  private groups: SVGGElement[] = [];
  private selectionLayer: SVGGElement | null = null;
  private focus: { line: number; id: number } | null = null;
  private readonly overrides = new Map<number, number | null>();
  private drag: Drag | null = null;
  private pressMode: SelectMode = "only";
  private stale = false;
  private gestures = 0;
  private readonly viewKey = Math.random().toString(36).slice(2, 8);
  private lastWidth = 0;
  private plotWidth = 0;
  private scrollQueued = false;
  private queued = false;
  // Layout read once per draw or scroll, so drags and keys never force a layout.
  private rootWidth = 0;
  private viewWidth = 0;
  private scrollLeft = 0;
  private readonly text = new TextWidths();
  /** A page or static output with no kernel: the curve is read, never edited. */
  private readonly readOnly: boolean;
  private readonly unprint: () => void;
  private readonly resize: ResizeObserver | null;
  /** The output is gone: a frame or update still queued draws nothing. */
  private disposed = false;
  /** The language the view speaks (a new one builds a new view: see index.ts). */
  private readonly lang: Lang;
  /** A change refused as a conflict, its choices shown beside the point. */
  private readonly conflicts: PointConflicts;

  constructor(private readonly model: WidgetModel, private readonly carried?: Carried) {
    this.session = new EditSession(model, carried?.view, emotionWords(lang(model)));
    this.focus = carried?.focus ?? null;
    this.readOnly = model.get("_read_only") === true;
    this.lang = lang(model);
    const { toolbar, toggle, radios } = renderToolbar(this.viewKey, (line) => {
      this.model.set("line", line);
      this.model.save_changes();
    }, (action) => this.session.history(action), this.lang);
    this.toggle = toggle;
    if (this.readOnly) toolbar.querySelectorAll("[data-action]").forEach((b) => b.remove());
    this.radios = radios;
    this.legend = el("div", { class: "cjm-legend" });
    this.hint = el("div", { class: "cjm-hint" });
    this.axis = svg("svg", { class: "cjm-axis", width: AXIS_WIDTH, "aria-hidden": "true" });
    this.plot = svg("svg", { class: "cjm-plot", role: "group", "aria-label": t(this.lang, "curve.name") });
    this.scroller = el("div", { class: "cjm-curve-scroll" }, this.plot);
    this.chart = el("div", { class: "cjm-chart" }, this.axis, this.scroller, this.tip.el);
    const tableName = t(this.lang, "words.labelled", { title: t(this.lang, "curve.name"), text: t(this.lang, "table.label") });
    this.table = new TableView(CURVE_KEYS.get("table") ?? "", (open) => this.showTable(open), this.lang,
      { title: tableName, name: tableName });
    this.root = el("div", { class: "cjm-emotion-curve", "data-lm-suppress-shortcuts": "true", "data-revision": 0 },
      toolbar, this.legend, this.hint, this.table.box, this.chart);
    this.root.dataset.view = this.session.view; // mount.ts tells Python of the view by this id
    this.conflicts = new PointConflicts(this.lang, {
      root: this.root, chart: this.chart,
      dragging: () => this.drag !== null,
      pointName: (id) => {
        const row = this.curve.ids.indexOf(id);
        const persona = this.curve.persona?.[row];
        return persona ? `${this.curve.step[row]}, ${persona}` : this.curve.step[row] ?? "";
      },
      pointAt: (id) => {
        const target = this.targetOf(id);
        return target && { x: AXIS_WIDTH + xOf(this.f, target.point.position) - this.scrollLeft, y: pointY(this.f, target.point) };
      },
      area: () => ({ width: this.rootWidth, height: this.f.height }),
      chosen: (id, op) => this.chosen(id, op),
      lost: () => this.placeFocus(true),
    });
    const image = new ImageMenu({
      name: "emotion-curve", title: () => model.get("title"), say: (text) => this.session.say(text),
      image: () => curveViewImage(this.f, this.root, model),
      lang: this.lang,
    });
    toolbar.append(this.table.toggle, image.box, this.session.status); // in the toolbar's line, as in the map: never over the chart
    image.button.setAttribute("aria-keyshortcuts", CURVE_KEYS.get("image") ?? "");
    titleShortcuts(toolbar, this.lang);
    this.f = makeFrame(this.curve, "assumed", this.overrides, 0, this.text.measure, undefined, this.lang);
    // The screen scrolls a window of the curve; a printout shows it whole, as its image.
    this.unprint = printWith(this.root, () => printImage(curveViewImage(this.f, this.root, model)));

    this.root.addEventListener("keydown", (e) => {
      this.session.historyKey(e, !this.readOnly);
      if (e.key === "Escape") this.session.clear();
      this.curveKey(e, image);
    });
    this.plot.addEventListener("keydown", (e) => { if (!this.drag) plotKey(e, this); });
    this.plot.addEventListener("pointerdown", (e) => this.onPointerDown(e));
    this.plot.addEventListener("pointermove", (e) => this.onHover(e));
    this.plot.addEventListener("pointerleave", () => this.showTip(this.focused()));
    this.plot.addEventListener("focusin", (e) => this.onFocusIn(e));
    this.plot.addEventListener("focusout", () => { if (!this.drag) this.tip.hide(); });
    this.scroller.addEventListener("scroll", this.onScroll, { passive: true });
    this.resize = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => {
      const width = this.root.clientWidth;
      if (Math.abs(width - this.lastWidth) > 4 && !this.drag && !this.disposed) this.render();
    });
    this.resize?.observe(this.root);
  }

  /** Alt+L switches between the assumed and measured lines, Alt+I opens the Image menu, Alt+T the table. */
  private curveKey(e: KeyboardEvent, image: ImageMenu): void {
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.code === "KeyT") {
      e.preventDefault();
      this.showTable(!this.table.isOpen);
    } else if (e.code === "KeyI") {
      e.preventDefault();
      image.open(0);
    } else if (e.code === "KeyL" && !this.toggle.hidden) {
      e.preventDefault();
      this.model.set("line", this.lineKind() === "measured" ? "assumed" : "measured");
      this.model.save_changes();
    }
  }

  /** The table in place of the chart, or the chart back with the focus on the point it was on. */
  private showTable(open: boolean): void {
    this.table.setOpen(open);
    this.chart.hidden = open;
    if (open) {
      this.tip.hide();
      this.table.show(() => curveTableModel(this.f, this.model.get("title")));
      this.table.box.focus();
      return;
    }
    this.render(); // the chart was out of the layout: its widths and scroll are read again
    const target = this.focused();
    if (target) this.setFocus(target.line, target.point);
  }

  // -- model events ------------------------------------------------------------------

  /** `_curve` and `_emotion` change together on a full update: draw once for both. */
  readonly onCurve = (): void => {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      if (!this.disposed) this.update();
    });
  };

  update(): void {
    this.curve = decodeCurve(this.model.get("_curve"), this.model.get("_emotion"));
    this.conflicts.drawn(this.curve.ids);
    for (const [id, value] of [...this.overrides]) {
      const row = this.curve.ids.indexOf(id);
      if (row < 0 || this.curve.emotion[row] === value) this.overrides.delete(id);
    }
    // A drag in progress keeps its preview; the curve is redrawn when it ends.
    if (this.drag) this.stale = true;
    else this.render();
  }

  readonly onLine = (): void => {
    if (!this.drag) this.render();
  };

  readonly onSelection = (): void => this.paintSelection();

  readonly onMessage = (msg: unknown): void => {
    const result = this.session.receive(msg);
    if (!result) return;
    this.conflicts.answered(result);
    if (result.ok) return;
    this.overrides.clear();
    if (!this.drag) this.render();
  };

  // -- conflicts (see conflict.ts) ------------------------------------------------------

  /** Keep theirs (`op` null: nothing sent) or Use mine; the focus goes back to the point. */
  private chosen(id: number, op: CurveOp | null): void {
    const target = this.targetOf(id);
    if (op) {
      this.send(op);
      if (target) this.preview(target.line, id, op.value);
    } else {
      this.session.clear();
    }
    if (target) this.setFocus(target.line, this.point(target.line, id) ?? target.point);
  }

  /** The point of row `id` on the line it is drawn on. */
  private targetOf(id: number): Target | null {
    for (const [line, l] of this.f.lines.entries()) {
      const point = l.points.find((p) => p.id === id);
      if (point) return { line, point };
    }
    return null;
  }

  /** Hand this view over to one in another language (see index.ts). */
  carry(): Carried {
    const active = document.activeElement;
    const focused = this.conflicts.focused ? "conflict" : this.plot.contains(active) ? "plot" : null;
    return { view: this.session.view, focus: this.focus, conflict: this.conflicts.current, focused };
  }

  /** Once drawn, take over what the view before this one showed. */
  restore(): void {
    const carried = this.carried;
    if (!carried) return;
    if (carried.focused === "plot") this.placeFocus(true);
    this.conflicts.restore(carried.conflict, this.curve.ids, carried.focused === "conflict");
  }

  private lineKind(): LineKind {
    return this.model.get("line") === "measured" && this.curve.evidence ? "measured" : "assumed";
  }

  // -- drawing -------------------------------------------------------------------------

  render(): void {
    const c = this.curve;
    const hadFocus = this.plot.contains(document.activeElement);
    this.rootWidth = this.root.clientWidth;
    this.viewWidth = this.scroller.clientWidth;
    this.scrollLeft = this.scroller.scrollLeft;
    if (this.root.isConnected) this.text.setFont(getComputedStyle(this.root).fontFamily);
    this.stale = false;
    this.root.dataset.revision = String(c.revision);
    const kind = this.lineKind();
    this.f = makeFrame(c, kind, this.overrides, this.rootWidth, this.text.measure, undefined, this.lang);
    const height = this.f.height;
    this.toggle.hidden = c.evidence === null;
    this.radios[kind].checked = true;
    this.lastWidth = this.rootWidth;
    const legend = renderLegend(this.f);
    this.legend.replaceChildren(...legend);
    this.legend.hidden = legend.length === 0;
    this.axis.replaceChildren(...renderAxis(this.f));
    this.axis.setAttribute("height", String(height));
    const count = this.f.layout.steps.length;
    this.hint.hidden = count > 0;
    this.hint.textContent = count > 0 ? "" : t(this.lang, "journey.empty");
    this.plotWidth = Math.round(this.f.left + this.f.width + RIGHT);
    this.plot.setAttribute("width", String(this.plotWidth));
    this.plot.setAttribute("height", String(height));
    this.plot.setAttribute("aria-label", t(this.lang, kind === "measured" ? "curve.plot_measured" : "curve.plot_assumed"));
    this.drawWindow(hadFocus, this.wantedWindow());
    this.table.show(() => curveTableModel(this.f, this.model.get("title")));
  }

  private wantedWindow(): PositionRange {
    const view = this.viewWidth || 1600;
    return visibleWindow(Math.max(0, this.scrollLeft - this.f.left), view, this.f.layout.steps.length, this.f.step, OVERSCAN);
  }

  private readonly onScroll = (): void => {
    this.tip.hide();
    this.scrollLeft = this.scroller.scrollLeft;
    if (this.scrollQueued) return;
    this.scrollQueued = true;
    requestAnimationFrame(() => {
      this.scrollQueued = false;
      if (this.drag || this.disposed) return;
      const wanted = this.wantedWindow();
      if (!windowCovers(this.f.drawn, wanted, OVERSCAN, this.f.layout.steps.length)) this.drawWindow(this.plot.contains(document.activeElement), wanted);
      else this.conflicts.place();
    });
  };

  /** Draw the steps in [start, end) (and the lines reaching into them); the rest is empty. */
  private drawWindow(keepFocus: boolean, range: PositionRange): void {
    const f = (this.f = { ...this.f, drawn: range });
    const [bands, names] = renderStages(f);
    this.selectionLayer = svg("g", { class: "cjm-selection" });
    const moments = renderMoments(f);
    this.groups = f.lines.map((line) => renderLine(f, line));
    const labels = renderExtremes(f, moments.boxes, this.plotWidth);
    this.plot.replaceChildren(bands, this.selectionLayer, names, renderGrid(f), moments.g, ...this.groups, labels, renderSteps(f));
    this.paintSelection();
    this.placeFocus(keepFocus);
    this.conflicts.place();
  }

  private redrawLine(index: number): void {
    const fresh = renderLine(this.f, this.f.lines[index]);
    this.groups[index].replaceWith(fresh);
    this.groups[index] = fresh;
    this.paintSelection();
    this.placeFocus(true);
  }

  // -- selection and focus ----------------------------------------------------------

  private paintSelection(): void {
    const layer = this.selectionLayer;
    if (!layer) return;
    const selected = new Set(this.session.selected());
    const positions = new Set<number>();
    this.curve.ids.forEach((id, row) => { if (selected.has(id)) positions.add(this.f.layout.positionOfRow[row]); });
    layer.replaceChildren(...[...positions].map((i) =>
      svg("rect", { class: "cjm-selected-step", x: this.f.left + i * this.f.step, y: 22, width: this.f.step, height: AXIS_Y - 22 })));
    for (const g of this.groups) {
      for (const dot of g.querySelectorAll<SVGCircleElement>("circle.cjm-point")) {
        const on = selected.has(Number(dot.dataset.id));
        dot.classList.toggle("is-selected", on);
        // A slider takes no aria-selected; aria-current, which any role takes, marks it.
        if (on) dot.setAttribute("aria-current", "true");
        else dot.removeAttribute("aria-current");
      }
    }
  }

  select(id: number, mode: SelectMode): void {
    this.session.select(nextSelection(this.curve, this.f.layout.positionOfRow, this.session.selected(), id, mode));
    this.paintSelection();
  }

  // What keys.ts reads (KeyHost).
  get lines() { return this.f.lines; }
  get scale(): [number, number] { return this.curve.scale; }
  get snap(): boolean { return this.curve.snap; }

  private point(line: number, id: number): LinePoint | undefined {
    return this.f.lines[line]?.points.find((p) => p.id === id);
  }

  focused(): Target | null {
    if (!this.focus) return null;
    const point = this.point(this.focus.line, this.focus.id);
    return point ? { line: this.focus.line, point } : null;
  }

  private circle(line: number, id: number): SVGCircleElement | null {
    return this.groups[line]?.querySelector<SVGCircleElement>(`circle[data-id="${id}"]`) ?? null;
  }

  /** Give the focused point (or the first one) the one tab stop; move focus there if asked. */
  private placeFocus(move: boolean): void {
    let target = this.focused();
    if (!target) {
      const line = this.f.lines.findIndex((l) => l.points.length > 0);
      target = line >= 0 ? { line, point: this.f.lines[line].points[0] } : null;
      this.focus = target ? { line: target.line, id: target.point.id } : null;
    }
    if (!target) return;
    if (!inView(this.f, target.point.position)) {
      // Scrolled away from the focused point: the tab stop moves to a point in view.
      const line = target.line;
      const near = this.f.lines[line].points.find((p) => inView(this.f, p.position));
      if (!near || move) return;
      target = { line, point: near };
      this.focus = { line, id: near.id };
    }
    const dot = this.circle(target.line, target.point.id);
    if (!dot) return;
    dot.setAttribute("tabindex", "0");
    if (move) {
      dot.focus({ preventScroll: true });
      this.reveal(target.point);
    }
  }

  setFocus(line: number, point: LinePoint): void {
    const old = this.focused();
    if (old) this.circle(old.line, old.point.id)?.setAttribute("tabindex", "-1");
    this.focus = { line, id: point.id };
    this.reveal(point);
    if (!inView(this.f, point.position)) this.drawWindow(false, this.wantedWindow());
    this.placeFocus(true);
    this.showTip({ line, point });
  }

  private reveal(p: LinePoint): void {
    const x = xOf(this.f, p.position);
    const step = this.f.step;
    let left = this.scrollLeft;
    if (x - step < left) left = Math.max(0, x - step);
    else if (x + step > left + this.viewWidth) left = x + step - this.viewWidth;
    if (left !== this.scrollLeft) {
      this.scroller.scrollLeft = left;
      this.scrollLeft = left;
    }
  }

  private onFocusIn(e: FocusEvent): void {
    const dot = e.target instanceof SVGCircleElement ? e.target : null;
    if (!dot) return;
    const line = Number(dot.dataset.line);
    const point = this.point(line, Number(dot.dataset.id));
    if (!point) return;
    if (!this.focus || this.focus.id !== point.id || this.focus.line !== line) {
      const old = this.focused();
      if (old) this.circle(old.line, old.point.id)?.setAttribute("tabindex", "-1");
      this.focus = { line, id: point.id };
      dot.setAttribute("tabindex", "0");
    }
    this.showTip({ line, point });
  }

  private showTip(target: Target | null): void {
    if (!target) {
      this.tip.hide();
      return;
    }
    const x = AXIS_WIDTH + xOf(this.f, target.point.position) - this.scrollLeft;
    this.tip.show(tipLines(this.curve, target.point, this.lang), x, pointY(this.f, target.point), this.rootWidth);
  }

  private onHover(e: PointerEvent): void {
    if (this.drag) return;
    const hit = pointAt(this.f, ...this.local(e));
    this.showTip(hit ?? (this.plot.contains(document.activeElement) ? this.focused() : null));
  }

  // -- pointer -------------------------------------------------------------------------

  local(e: PointerEvent | MouseEvent): [number, number] {
    const box = this.plot.getBoundingClientRect();
    return [e.clientX - box.left, e.clientY - box.top];
  }

  valueAt(y: number): number {
    return stepValue(this.f.scale.value(y), this.curve.scale, this.curve.snap);
  }

  /** The output is gone (or a new language built a new view): nothing outside the view
   * keeps it alive or draws it again (a detached root is resized to nothing, once). */
  readonly dispose = (): void => {
    this.disposed = true;
    this.resize?.disconnect();
    this.unprint();
  };

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    const hit = pointAt(this.f, ...this.local(e));
    if (!hit) return;
    e.preventDefault();
    this.setFocus(hit.line, hit.point);
    const mode = selectMode(e);
    if (this.readOnly || !editable(this.f, hit.point)) {
      this.select(hit.point.id, mode);
      return;
    }
    this.pressMode = mode;
    const gesture = `${this.viewKey}-${++this.gestures}`;
    this.drag = new Drag(this, hit.line, hit.point.id, hit.point.assumed, gesture, e, this.plot);
  }

  ended(drag: Drag): void {
    this.drag = null;
    if (!drag.moved) {
      this.select(drag.id, this.pressMode);
      if (this.stale) this.render();
      this.conflicts.settled();
      return;
    }
    if (!drag.sent) this.overrides.delete(drag.id);
    const current = this.point(drag.line, drag.id);
    if (current) this.showTip({ line: drag.line, point: current });
    if (this.stale || !drag.sent) this.render();
    this.conflicts.settled();
  }

  /** Show a value before Python confirms it: the point and its persona's line move. */
  preview(line: number, id: number, value: number | null): void {
    this.overrides.set(id, value);
    const kind = this.f.kind;
    const lines = this.f.lines;
    lines[line] = {
      ...lines[line],
      points: lines[line].points.map((p) => p.id === id
        ? { ...p, assumed: value, value: kind === "measured" && p.measured ? p.value : value }
        : p),
    };
    const point = this.point(line, id);
    const g = this.groups[line];
    if (!point || !g || !movePoint(this.f, g, lines[line], point)) this.redrawLine(line);
    if (point) this.showTip({ line, point });
  }

  // -- edits -----------------------------------------------------------------------------

  change(line: number, point: LinePoint, value: number | null): void {
    if (this.readOnly) return;
    if (!editable(this.f, point)) {
      this.session.say(t(this.lang, "curve.locked", { step: this.curve.step[point.row], n: point.n ?? "" }), "notice");
      return;
    }
    if (value === point.assumed) return;
    this.send({ kind: "set_emotion", id: point.id, value });
    this.preview(line, point.id, value);
  }

  send(op: CurveOp, gesture?: string): void {
    // The value this view draws is the one the edit replaces: a point someone else moved
    // meanwhile is refused as a conflict, not overwritten (see shared/presence.ts).
    const row = this.curve.ids.indexOf(op.id);
    const expected = op.expected !== undefined ? op.expected : row < 0 ? null : this.curve.emotion[row] ?? null;
    const request = this.session.send({ ...op, expected }, { ...(gesture ? { gesture } : {}), revision: this.curve.revision });
    this.conflicts.sent(request, op.id);
  }
}
