// The emotion curve view: draws the model's state and turns drags and keys into edit ops.

import { el, svg } from "../shared/dom";
import { historyKey } from "../shared/keys";
import { FLAG_LABELS, flagKind, formatEmotion, formatNumber } from "../shared/format";
import type { WidgetModel } from "../shared/model";
import { Throttle } from "../shared/throttle";
import { visibleWindow, windowCovers } from "../shared/window";
import { decodeCurve, isEditResult, type CellValue, type Curve, type CurveOp } from "../shared/wire";
import {
  bandPaths,
  extremes,
  layoutSlots,
  linePaths,
  linesDiffer,
  neutral,
  personaLines,
  stepValue,
  xLayout,
  yScale,
  type CurveLayout,
  type LineKind,
  type LinePoint,
  type PersonaLine,
  type SlotRange,
  type YScale,
} from "./geometry";

/** Okabe–Ito colours: told apart with the common colour-vision deficiencies. */
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F7F7F", "#F0E442"];

const HEIGHT = 330;
const TOP = 50;
const BOTTOM = 236;
const AXIS_WIDTH = 120;
const MIN_STEP = 40;
/** Room left of the first step for its slanted label. */
const LEFT = 64;
const RIGHT = 16;
/** How far (px) from a point a press still grabs it. */
const DRAG_REACH = 16;
/** Steps drawn beyond each side of the view, so a short scroll needs no redraw. */
const OVERSCAN = 10;
/** At most one update per this many ms reaches the kernel while dragging (~20 a second). */
const DRAG_INTERVAL = 50;

interface Drag {
  point: LinePoint;
  line: number;
  start: number | null;
  moved: boolean;
  sent: boolean;
  gesture: string;
  throttle: Throttle<number>;
}

function short(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
}

function text(v: CellValue | undefined): string {
  return v === null || v === undefined ? "" : String(v);
}

export class CurveView {
  readonly root: HTMLDivElement;
  private readonly toggle: HTMLFieldSetElement;
  private readonly radios: Record<LineKind, HTMLInputElement>;
  private readonly legend: HTMLDivElement;
  private readonly message: HTMLDivElement;
  private readonly hint: HTMLDivElement;
  private readonly axis: SVGSVGElement;
  private readonly scroller: HTMLDivElement;
  private readonly plot: SVGSVGElement;
  private readonly tip: HTMLDivElement;
  private curve: Curve = decodeCurve(null);
  private layout: CurveLayout = { slots: [], stages: [], slotOfRow: [] };
  private lines: PersonaLine[] = [];
  private groups: SVGGElement[] = [];
  private selectionLayer: SVGGElement | null = null;
  private scale: YScale = yScale([-3, 3], TOP, BOTTOM);
  private step = MIN_STEP;
  private focus: { line: number; id: number } | null = null;
  private readonly overrides = new Map<number, number | null>();
  private drag: Drag | null = null;
  private stale = false;
  private requests = 0;
  private gestures = 0;
  private readonly viewKey = Math.random().toString(36).slice(2, 8);
  private lastWidth = 0;
  private width = 0;
  private drawn: SlotRange = [0, 0];
  private scrollQueued = false;
  // Layout read once per draw or scroll, so drags and keys never force a layout.
  private rootWidth = 0;
  private viewWidth = 0;
  private scrollLeft = 0;

  constructor(private readonly model: WidgetModel) {
    const radio = (value: LineKind, label: string) => {
      const input = el("input", { type: "radio", name: `cjm-line-${this.viewKey}`, value });
      input.addEventListener("change", () => {
        if (!input.checked) return;
        this.model.set("line", value);
        this.model.save_changes();
      });
      return { input, label: el("label", { class: "cjm-radio" }, input, label) };
    };
    const assumed = radio("assumed", "Assumed");
    const measured = radio("measured", "Measured");
    this.radios = { assumed: assumed.input, measured: measured.input };
    this.toggle = el("fieldset", { class: "cjm-line-toggle" },
      el("legend", {}, "Line"), assumed.label, measured.label);
    const button = (action: "undo" | "redo", label: string, title: string) => {
      const b = el("button", { type: "button", class: "cjm-button", "data-action": action, title }, label);
      b.addEventListener("click", () => this.sendHistory(action));
      return b;
    };
    const toolbar = el("div", { class: "cjm-toolbar", role: "toolbar", "aria-label": "Emotion curve tools" },
      this.toggle, button("undo", "Undo", "Undo (Ctrl+Z)"), button("redo", "Redo", "Redo (Ctrl+Shift+Z)"));
    this.legend = el("div", { class: "cjm-legend" });
    this.message = el("div", { class: "cjm-message", role: "alert", "aria-live": "assertive" });
    this.message.hidden = true;
    this.hint = el("div", { class: "cjm-hint" });
    this.axis = svg("svg", { class: "cjm-axis", width: AXIS_WIDTH, height: HEIGHT, "aria-hidden": "true" });
    this.plot = svg("svg", { class: "cjm-plot", height: HEIGHT, role: "group", "aria-label": "Emotion curve" });
    this.scroller = el("div", { class: "cjm-curve-scroll" });
    this.scroller.append(this.plot);
    this.tip = el("div", { class: "cjm-tip", role: "tooltip" });
    this.tip.hidden = true;
    const chart = el("div", { class: "cjm-chart" }, this.axis, this.scroller, this.tip);
    this.root = el("div", { class: "cjm-emotion-curve", "data-lm-suppress-shortcuts": "true", "data-revision": 0 },
      toolbar, this.legend, this.message, this.hint, chart);

    this.root.addEventListener("keydown", (e) => this.onRootKey(e));
    this.plot.addEventListener("keydown", (e) => this.onPlotKey(e));
    this.plot.addEventListener("pointerdown", (e) => this.onPointerDown(e));
    this.plot.addEventListener("pointermove", (e) => this.onHover(e));
    this.plot.addEventListener("pointerleave", () => this.showTip(this.focusedPoint()));
    this.plot.addEventListener("focusin", (e) => this.onFocusIn(e));
    this.plot.addEventListener("focusout", () => { if (!this.drag) this.tip.hidden = true; });
    this.scroller.addEventListener("scroll", this.onScroll, { passive: true });
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(() => {
        const width = this.root.clientWidth;
        if (Math.abs(width - this.lastWidth) > 4 && !this.drag) this.render();
      }).observe(this.root);
    }
  }

  // -- model events ------------------------------------------------------------------

  private queued = false;

  /** `_curve` and `_emotion` change together on a full update: draw once for both. */
  readonly onCurve = (): void => {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.update();
    });
  };

  update(): void {
    this.curve = decodeCurve(this.model.get("_curve"), this.model.get("_emotion"));
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
    if (!isEditResult(msg)) return;
    if (msg.ok) {
      this.say("");
      return;
    }
    this.overrides.clear();
    this.say(msg.message ?? "The edit was rejected.");
    if (!this.drag) this.render();
  };

  private lineKind(): LineKind {
    const line = this.model.get("line");
    return line === "measured" && this.curve.evidence ? "measured" : "assumed";
  }

  // -- drawing -------------------------------------------------------------------------

  render(): void {
    const c = this.curve;
    const hadFocus = this.plot.contains(document.activeElement);
    this.rootWidth = this.root.clientWidth;
    this.viewWidth = this.scroller.clientWidth;
    this.scrollLeft = this.scroller.scrollLeft;
    this.stale = false;
    this.root.dataset.revision = String(c.revision);
    this.layout = layoutSlots(c);
    const kind = this.lineKind();
    this.lines = personaLines(c, this.layout, kind).map((line) => ({
      ...line,
      points: line.points.map((p) => this.overrides.has(p.id)
        ? { ...p, assumed: this.overrides.get(p.id)!, value: kind === "measured" && p.measured ? p.value : this.overrides.get(p.id)! }
        : p),
    }));
    this.toggle.hidden = c.evidence === null;
    this.radios[kind].checked = true;
    this.scale = yScale(c.scale, TOP, BOTTOM);
    this.lastWidth = this.rootWidth;
    const available = Math.max(200, (this.rootWidth || 900) - AXIS_WIDTH - LEFT - RIGHT - 4);
    const { step, width } = xLayout(this.layout.slots.length, available, MIN_STEP);
    this.step = step;
    this.width = width;
    this.renderLegend();
    this.renderAxis();
    const count = this.layout.slots.length;
    this.hint.hidden = count > 0;
    this.hint.textContent = count > 0 ? "" : "This journey has no steps yet.";
    this.plot.setAttribute("width", String(Math.round(LEFT + width + RIGHT)));
    this.plot.setAttribute("aria-label", kind === "measured" ? "Emotion curve, measured line" : "Emotion curve, assumed line");
    this.drawWindow(hadFocus, this.wantedWindow());
  }

  private wantedWindow(): SlotRange {
    const view = this.viewWidth || 1600;
    return visibleWindow(Math.max(0, this.scrollLeft - LEFT), view, this.layout.slots.length, this.step, OVERSCAN);
  }

  private readonly onScroll = (): void => {
    this.tip.hidden = true;
    this.scrollLeft = this.scroller.scrollLeft;
    if (this.scrollQueued) return;
    this.scrollQueued = true;
    requestAnimationFrame(() => {
      this.scrollQueued = false;
      if (this.drag) return;
      const wanted = this.wantedWindow();
      if (!windowCovers(this.drawn, wanted, OVERSCAN)) this.drawWindow(this.plot.contains(document.activeElement), wanted);
    });
  };

  /** Draw the steps in [start, end) (and the lines reaching into them); the rest is empty. */
  private drawWindow(keepFocus: boolean, range: SlotRange): void {
    this.drawn = range;
    const [bands, names] = this.renderStages(this.width);
    this.selectionLayer = svg("g", { class: "cjm-selection" });
    const grid = this.renderGrid(this.width);
    const moments = this.renderMoments();
    this.groups = this.lines.map((line) => this.renderLine(line));
    const labels = this.renderSteps();
    this.plot.replaceChildren(bands, this.selectionLayer, names, grid, moments, ...this.groups, labels);
    this.paintSelection();
    this.placeFocus(keepFocus);
  }

  private inView(slot: number): boolean {
    return slot >= this.drawn[0] && slot < this.drawn[1];
  }

  private xOf = (slot: number): number => LEFT + this.step * (slot + 0.5);

  private renderLegend(): void {
    const items: Node[] = [];
    this.lines.forEach((line) => {
      if (line.persona === null) return;
      items.push(el("span", { class: "cjm-key", style: `--cjm-line: ${PALETTE[line.index % PALETTE.length]}` },
        el("span", { class: "cjm-swatch", "aria-hidden": "true" }), line.persona));
    });
    if (this.curve.evidence) {
      const other = this.lineKind() === "measured" ? "assumed" : "measured";
      items.push(el("span", { class: "cjm-key cjm-key-measured" }, el("span", { class: "cjm-dot-key is-measured", "aria-hidden": "true" }), "measured (n responses)"));
      items.push(el("span", { class: "cjm-key cjm-key-assumed" }, el("span", { class: "cjm-dot-key", "aria-hidden": "true" }), "assumed, no evidence"));
      items.push(el("span", { class: "cjm-key" }, el("span", { class: "cjm-band-key", "aria-hidden": "true" }), "95% interval"));
      items.push(el("span", { class: "cjm-key" }, el("span", { class: "cjm-ghost-key", "aria-hidden": "true" }), `${other} line, where it differs`));
    }
    this.legend.replaceChildren(...items);
    this.legend.hidden = items.length === 0;
  }

  private renderAxis(): void {
    const s = this.scale;
    const nodes: SVGElement[] = [];
    for (const [value, label] of this.curve.ticks) {
      const y = s.y(value);
      nodes.push(svg("text", { class: "cjm-tick", x: AXIS_WIDTH - 8, y: y + 4, "text-anchor": "end" },
        document.createTextNode(short(label ?? formatEmotion(value), 18))));
    }
    nodes.push(svg("line", { class: "cjm-axis-line", x1: AXIS_WIDTH - 2, x2: AXIS_WIDTH - 2, y1: TOP, y2: BOTTOM }));
    this.axis.replaceChildren(...nodes);
  }

  /** Stage bands (drawn first) and stage names (drawn over the selection). */
  private renderStages(width: number): [SVGGElement, SVGGElement] {
    const g = svg("g", { class: "cjm-stages" });
    const names = svg("g", { class: "cjm-stage-names" });
    this.layout.stages.forEach((stage, i) => {
      const x = LEFT + stage.start * this.step;
      const w = stage.count * this.step;
      g.append(
        svg("rect", { class: i % 2 ? "cjm-stage-band is-odd" : "cjm-stage-band", x, y: 0, width: w, height: BOTTOM + 4 }),
        svg("line", { class: "cjm-stage-edge", x1: x, x2: x, y1: 0, y2: BOTTOM + 4 }),
      );
      names.append(svg("text", { class: "cjm-stage-name", x: x + 6, y: 16 },
        document.createTextNode(short(stage.name, Math.max(3, Math.floor(w / 7.5))))));
    });
    g.append(svg("line", { class: "cjm-stage-edge", x1: LEFT + width, x2: LEFT + width, y1: 0, y2: BOTTOM + 4 }));
    return [g, names];
  }

  private renderGrid(width: number): SVGGElement {
    const g = svg("g", { class: "cjm-grid-lines" });
    for (const [value] of this.curve.ticks) {
      const y = this.scale.y(value);
      g.append(svg("line", { class: "cjm-gridline", x1: LEFT, x2: LEFT + width, y1: y, y2: y }));
    }
    const [lo, hi] = this.curve.scale;
    if (lo < 0 && hi > 0) {
      const y = this.scale.y(0);
      g.append(svg("line", { class: "cjm-neutral-line", x1: LEFT, x2: LEFT + width, y1: y, y2: y }));
    }
    return g;
  }

  private renderMoments(): SVGGElement {
    const g = svg("g", { class: "cjm-moments" });
    const flags = this.curve.flags;
    if (!flags) return g;
    const seen = new Set<number>();
    flags.forEach((value, row) => {
      const kind = flagKind(value);
      const slot = this.layout.slotOfRow[row];
      if (kind === null || seen.has(slot) || !this.inView(slot)) return;
      seen.add(slot);
      const x = this.xOf(slot);
      const label = kind === "moment" ? "Moment of truth" : `Moment of truth: ${FLAG_LABELS[kind] ?? kind}`;
      g.append(
        svg("line", { class: "cjm-moment-rule", x1: x, x2: x, y1: 30, y2: BOTTOM }),
        svg("text", { class: "cjm-moment", x, y: 34, "text-anchor": "middle", "data-flag": kind, "data-slot": slot },
          svg("title", {}, document.createTextNode(`${label} \u2014 ${this.layout.slots[slot].step}`)),
          document.createTextNode("\u2605")),
      );
    });
    return g;
  }

  private editable(p: LinePoint): boolean {
    return this.lineKind() === "assumed" || !p.measured;
  }

  private renderLine(line: PersonaLine): SVGGElement {
    const c = this.curve;
    const s = this.scale;
    const colour = PALETTE[line.index % PALETTE.length];
    const g = svg("g", { class: "cjm-line", "data-line": line.index, style: `--cjm-line: ${colour}` });
    const hasEvidence = c.evidence !== null;
    const y = (v: number) => s.y(v);
    if (hasEvidence) {
      const { bands, bars } = bandPaths(line.points, this.xOf, y, this.drawn);
      if (bands) g.append(svg("path", { class: "cjm-band", d: bands }));
      if (bars) g.append(svg("path", { class: "cjm-error-bar", d: bars }));
      if (linesDiffer(line.points)) {
        const measured = this.lineKind() === "measured";
        const ghost = line.points.map((p) => ({ ...p, value: measured ? p.assumed : p.measured ? p.mean : p.assumed }));
        g.append(svg("path", { class: "cjm-ghost", d: linePaths(ghost, this.xOf, y, () => true, this.drawn).solid }));
      }
    }
    const paths = linePaths(line.points, this.xOf, y, (a, b) => !hasEvidence || (a.measured && b.measured), this.drawn);
    if (paths.dashed) g.append(svg("path", { class: "cjm-path is-assumed", d: paths.dashed }));
    if (paths.solid) g.append(svg("path", { class: "cjm-path", d: paths.solid }));
    const mid = neutral(c.scale);
    const who = line.persona === null ? "" : `, ${line.persona}`;
    const [lo, hi] = c.scale;
    for (const p of line.points) {
      if (!this.inView(p.slot)) continue;
      const missing = p.value === null;
      const cx = this.xOf(p.slot);
      const cy = s.y(missing ? mid : p.value!);
      const measured = hasEvidence && p.measured;
      const cls = "cjm-point" + (missing ? " is-missing" : measured ? " is-measured" : hasEvidence ? " is-assumed" : "")
        + (this.editable(p) ? "" : " is-locked");
      g.append(svg("circle", {
        class: cls, cx, cy, r: 5, tabindex: -1, role: "slider", "aria-orientation": "vertical",
        "aria-label": `${c.step[p.row]}, ${c.stage[p.row]}${who}`,
        "aria-valuemin": lo, "aria-valuemax": hi, "aria-valuenow": missing ? null : p.value,
        "aria-valuetext": this.valueText(p),
        "aria-readonly": this.editable(p) ? null : "true",
        "data-id": p.id, "data-line": line.index,
      }));
      if (measured && p.n !== null && this.step >= 28) {
        g.append(svg("text", { class: "cjm-n", x: cx, y: cy - 9, "text-anchor": "middle", "aria-hidden": "true" },
          document.createTextNode(`n=${p.n}`)));
      }
    }
    const ends = extremes(line.points);
    if (ends) {
      for (const [p, label, dy] of [[ends.high, "highest", -22], [ends.low, "lowest", 28]] as const) {
        if (!this.inView(p.slot)) continue;
        g.append(svg("text", { class: "cjm-extreme", x: this.xOf(p.slot), y: s.y(p.value!) + dy, "text-anchor": "middle", "data-extreme": label },
          document.createTextNode(`${label}: ${short(c.step[p.row], 24)}`)));
      }
    }
    return g;
  }

  private renderSteps(): SVGGElement {
    const g = svg("g", { class: "cjm-steps", "aria-hidden": "true" });
    const every = Math.max(1, Math.ceil(14 / this.step));
    this.layout.slots.forEach((slot, i) => {
      if (i % every || !this.inView(i)) return;
      const x = this.xOf(i);
      g.append(svg("text", { class: "cjm-step-label", x, y: BOTTOM + 14, "text-anchor": "end", transform: `rotate(-35 ${x} ${BOTTOM + 14})`, "data-slot": i },
        document.createTextNode(short(slot.step, 22))));
    });
    return g;
  }

  private valueText(p: LinePoint): string {
    const parts: string[] = [];
    if (p.value === null) parts.push("no value");
    else parts.push(`${formatEmotion(p.value)}${this.curve.evidence ? (p.measured && this.lineKind() === "measured" ? " measured" : " assumed") : ""}`);
    if (p.measured && p.n !== null) parts.push(`n = ${p.n}`);
    return parts.join(", ");
  }

  private redrawLine(index: number): void {
    const old = this.groups[index];
    const fresh = this.renderLine(this.lines[index]);
    old.replaceWith(fresh);
    this.groups[index] = fresh;
    this.paintSelection();
    this.placeFocus(true);
  }

  // -- selection and focus ----------------------------------------------------------

  private selectedIds(): number[] {
    const ids = this.model.get("_selected_ids");
    return Array.isArray(ids) ? (ids as number[]) : [];
  }

  private paintSelection(): void {
    const layer = this.selectionLayer;
    if (!layer) return;
    const selected = new Set(this.selectedIds());
    const slots = new Set<number>();
    this.curve.ids.forEach((id, row) => { if (selected.has(id)) slots.add(this.layout.slotOfRow[row]); });
    layer.replaceChildren(...[...slots].map((slot) =>
      svg("rect", { class: "cjm-selected-step", x: LEFT + slot * this.step, y: 22, width: this.step, height: BOTTOM - 18 })));
    for (const g of this.groups) {
      for (const dot of g.querySelectorAll<SVGCircleElement>("circle.cjm-point")) {
        const on = selected.has(Number(dot.dataset.id));
        dot.classList.toggle("is-selected", on);
        dot.setAttribute("aria-selected", String(on));
      }
    }
  }

  private select(id: number, mode: "only" | "extend" | "toggle"): void {
    const now = this.selectedIds();
    let ids: number[];
    if (mode === "toggle") ids = now.includes(id) ? now.filter((x) => x !== id) : [...now, id];
    else if (mode === "extend" && now.length > 0) {
      const row = (i: number) => this.curve.ids.indexOf(i);
      const slotOf = (i: number) => this.layout.slotOfRow[row(i)];
      const persona = (i: number) => (this.curve.persona ? this.curve.persona[row(i)] : null);
      const anchor = now[now.length - 1];
      const [a, b] = [slotOf(anchor), slotOf(id)].sort((x, y) => x - y);
      ids = this.curve.ids.filter((i) => persona(i) === persona(id) && slotOf(i) >= a && slotOf(i) <= b);
      ids = [...ids.filter((i) => i !== anchor), anchor];
    } else ids = [id];
    this.model.set("_selected_ids", ids);
    this.model.save_changes();
    this.paintSelection();
  }

  private point(line: number, id: number): LinePoint | undefined {
    return this.lines[line]?.points.find((p) => p.id === id);
  }

  private focusedPoint(): { line: number; point: LinePoint } | null {
    if (!this.focus) return null;
    const point = this.point(this.focus.line, this.focus.id);
    return point ? { line: this.focus.line, point } : null;
  }

  private circle(line: number, id: number): SVGCircleElement | null {
    return this.groups[line]?.querySelector<SVGCircleElement>(`circle[data-id="${id}"]`) ?? null;
  }

  /** Give the focused point (or the first one) the one tab stop; move focus there if asked. */
  private placeFocus(move: boolean): void {
    let target = this.focusedPoint();
    if (!target) {
      const line = this.lines.findIndex((l) => l.points.length > 0);
      target = line >= 0 ? { line, point: this.lines[line].points[0] } : null;
      this.focus = target ? { line: target.line, id: target.point.id } : null;
    }
    if (!target) return;
    if (!this.inView(target.point.slot)) {
      // Scrolled away from the focused point: the tab stop moves to a point in view.
      const line = target.line;
      const near = this.lines[line].points.find((p) => this.inView(p.slot));
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

  private setFocus(line: number, point: LinePoint): void {
    const old = this.focusedPoint();
    if (old) this.circle(old.line, old.point.id)?.setAttribute("tabindex", "-1");
    this.focus = { line, id: point.id };
    this.reveal(point);
    if (!this.inView(point.slot)) this.drawWindow(false, this.wantedWindow());
    this.placeFocus(true);
    this.showTip({ line, point });
  }

  private reveal(p: LinePoint): void {
    const x = this.xOf(p.slot);
    const view = this.viewWidth;
    let left = this.scrollLeft;
    if (x - this.step < left) left = Math.max(0, x - this.step);
    else if (x + this.step > left + view) left = x + this.step - view;
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
      const old = this.focusedPoint();
      if (old) this.circle(old.line, old.point.id)?.setAttribute("tabindex", "-1");
      this.focus = { line, id: point.id };
      dot.setAttribute("tabindex", "0");
    }
    this.showTip({ line, point });
  }

  // -- the tooltip ---------------------------------------------------------------------

  private showTip(target: { line: number; point: LinePoint } | null): void {
    if (!target) {
      this.tip.hidden = true;
      return;
    }
    const c = this.curve;
    const p = target.point;
    const row = p.row;
    const persona = c.persona ? c.persona[row] : null;
    const lines: [string, string][] = [["cjm-tip-step", c.step[row]], ["cjm-tip-stage", c.stage[row]]];
    const value = p.assumed === null ? "no value yet" : formatEmotion(p.assumed);
    lines.push(["", `${persona === null ? "" : `${persona}: `}${c.evidence ? "assumed " : ""}${value}`]);
    if (p.measured && p.mean !== null) {
      const interval = p.low !== null && p.high !== null
        ? `, 95% ${formatNumber(p.low)}\u2026${formatNumber(p.high)}` : "";
      lines.push(["", `measured ${formatEmotion(Math.round(p.mean * 100) / 100)}${interval} (n = ${p.n})`]);
    } else if (c.evidence) lines.push(["cjm-tip-muted", "no evidence at this step"]);
    const flag = c.flags ? flagKind(c.flags[row]) : null;
    if (flag !== null) lines.push(["cjm-tip-mot", flag === "moment" ? "\u2605 Moment of truth" : `\u2605 Moment of truth (${FLAG_LABELS[flag] ?? flag})`]);
    if (c.pain && text(c.pain[row])) lines.push(["cjm-tip-pain", `Pain: ${text(c.pain[row])}`]);
    if (c.gain && text(c.gain[row])) lines.push(["cjm-tip-gain", `Gain: ${text(c.gain[row])}`]);
    this.tip.replaceChildren(...lines.map(([cls, t]) => el("div", { class: cls }, t)));
    this.tip.hidden = false;
    const x = AXIS_WIDTH + this.xOf(p.slot) - this.scrollLeft;
    const y = this.scale.y(p.value ?? neutral(c.scale));
    const left = Math.min(x + 12, Math.max(0, this.rootWidth - 260));
    this.tip.style.left = `${Math.max(0, left)}px`;
    this.tip.style.top = `${y + 14}px`;
  }

  private onHover(e: PointerEvent): void {
    if (this.drag) return;
    const hit = this.hit(e);
    if (hit) this.showTip(hit);
    else this.showTip(this.plot.contains(document.activeElement) ? this.focusedPoint() : null);
  }

  // -- pointer -------------------------------------------------------------------------

  private local(e: PointerEvent | MouseEvent): [number, number] {
    const box = this.plot.getBoundingClientRect();
    return [e.clientX - box.left, e.clientY - box.top];
  }

  /** The point nearest a pointer, if within reach. */
  private hit(e: PointerEvent | MouseEvent): { line: number; point: LinePoint } | null {
    const [x, y] = this.local(e);
    const slot = Math.floor((x - LEFT) / this.step);
    if (slot < 0 || slot >= this.layout.slots.length) return null;
    const mid = neutral(this.curve.scale);
    let best: { line: number; point: LinePoint; d: number } | null = null;
    this.lines.forEach((line, index) => {
      for (const p of line.points) {
        if (p.slot !== slot) continue;
        const d = Math.abs(this.scale.y(p.value ?? mid) - y);
        // On a tie the line drawn last (on top) wins: it is the point the person sees.
        if (d <= DRAG_REACH && (!best || d <= best.d)) best = { line: index, point: p, d };
      }
    });
    return best;
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    const hit = this.hit(e);
    if (!hit) return;
    e.preventDefault();
    this.setFocus(hit.line, hit.point);
    const mode = e.shiftKey ? "extend" : e.ctrlKey || e.metaKey ? "toggle" : "only";
    if (!this.editable(hit.point)) {
      this.select(hit.point.id, mode);
      return;
    }
    const id = hit.point.id;
    const gesture = `${this.viewKey}-${++this.gestures}`;
    const drag: Drag = {
      point: hit.point, line: hit.line, start: hit.point.assumed, moved: false, sent: false, gesture,
      throttle: new Throttle<number>(DRAG_INTERVAL, (value) => {
        drag.sent = true;
        this.send({ kind: "set_emotion", id, value }, gesture);
      }),
    };
    this.drag = drag;
    const [, y0] = this.local(e);
    try {
      this.plot.setPointerCapture(e.pointerId);
    } catch {
      // a synthetic event has no capturable pointer; window listeners below still see it
    }
    const move = (ev: PointerEvent) => {
      const [, y] = this.local(ev);
      if (!drag.moved && Math.abs(y - y0) <= 3) return;
      drag.moved = true;
      const value = stepValue(this.scale.value(y), this.curve.scale, this.curve.snap);
      if (this.overrides.get(id) === value && this.overrides.has(id)) return;
      this.preview(drag.line, id, value);
      if (value !== drag.start || drag.sent) drag.throttle.push(value);
    };
    const up = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      window.removeEventListener("pointercancel", up);
      this.drag = null;
      if (!drag.moved) {
        this.select(id, mode);
        if (this.stale) this.render();
        return;
      }
      drag.throttle.end();
      if (!drag.sent) this.overrides.delete(id);
      const current = this.point(drag.line, id);
      if (current) this.showTip({ line: drag.line, point: current });
      if (this.stale || !drag.sent) this.render();
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    window.addEventListener("pointercancel", up);
  }

  /** Show a value before Python confirms it: the point and its persona's line move. */
  private preview(line: number, id: number, value: number | null): void {
    this.overrides.set(id, value);
    const kind = this.lineKind();
    this.lines[line] = {
      ...this.lines[line],
      points: this.lines[line].points.map((p) => p.id === id
        ? { ...p, assumed: value, value: kind === "measured" && p.measured ? p.value : value }
        : p),
    };
    this.movePoint(line, id);
    const point = this.point(line, id);
    if (point) this.showTip({ line, point });
  }

  /** Move one drawn point and reshape its line in place: the DOM (and focus) stay. */
  private movePoint(index: number, id: number): void {
    const g = this.groups[index];
    const line = this.lines[index];
    const p = this.point(index, id);
    const dot = this.circle(index, id);
    const solid = g?.querySelector<SVGPathElement>("path.cjm-path:not(.is-assumed)");
    const dashed = g?.querySelector<SVGPathElement>("path.cjm-path.is-assumed");
    const hasEvidence = this.curve.evidence !== null;
    const paths = linePaths(line.points, this.xOf, this.scale.y,
      (a, b) => !hasEvidence || (a.measured && b.measured), this.drawn);
    if (!p || !dot || (paths.solid && !solid) || (paths.dashed && !dashed) || p.value === null) {
      this.redrawLine(index);
      return;
    }
    dot.setAttribute("cy", String(this.scale.y(p.value)));
    dot.setAttribute("aria-valuenow", String(p.value));
    dot.setAttribute("aria-valuetext", this.valueText(p));
    dot.classList.remove("is-missing");
    solid?.setAttribute("d", paths.solid);
    dashed?.setAttribute("d", paths.dashed);
  }

  // -- keys ----------------------------------------------------------------------------

  private onRootKey(e: KeyboardEvent): void {
    historyKey(e, (type) => this.sendHistory(type));
  }

  private onPlotKey(e: KeyboardEvent): void {
    const target = this.focusedPoint();
    if (!target || this.drag) return;
    const { line, point } = target;
    const points = this.lines[line].points;
    const at = points.findIndex((p) => p.id === point.id);
    const go = (i: number) => this.setFocus(line, points[Math.max(0, Math.min(points.length - 1, i))]);
    switch (e.key) {
      case "ArrowLeft": e.preventDefault(); go(at - 1); return;
      case "ArrowRight": e.preventDefault(); go(at + 1); return;
      case "Home": e.preventDefault(); go(0); return;
      case "End": e.preventDefault(); go(points.length - 1); return;
      case "PageUp":
      case "PageDown": {
        e.preventDefault();
        const step = e.key === "PageUp" ? -1 : 1;
        for (let k = line + step; k >= 0 && k < this.lines.length; k += step) {
          const others = this.lines[k].points;
          if (others.length === 0) continue;
          const near = others.reduce((a, b) => (Math.abs(b.slot - point.slot) < Math.abs(a.slot - point.slot) ? b : a));
          this.setFocus(k, near);
          return;
        }
        return;
      }
      case "ArrowUp":
      case "ArrowDown": {
        e.preventDefault();
        const fine = !this.curve.snap && !e.shiftKey;
        const delta = (e.key === "ArrowUp" ? 1 : -1) * (fine ? 0.1 : 1);
        // A step with no value yet gets the neutral value first.
        const value = point.assumed === null ? neutral(this.curve.scale) : point.assumed + delta;
        this.change(line, point, stepValue(value, this.curve.scale, this.curve.snap && !fine));
        return;
      }
      case "Delete":
      case "Backspace":
        e.preventDefault();
        this.change(line, point, null);
        return;
      case " ":
      case "Enter":
        e.preventDefault();
        this.select(point.id, e.shiftKey ? "extend" : e.ctrlKey || e.metaKey ? "toggle" : "only");
        return;
    }
  }

  private change(line: number, point: LinePoint, value: number | null): void {
    if (!this.editable(point)) {
      this.say(`${this.curve.step[point.row]} is measured (n = ${point.n}); switch to the assumed line to edit the team's value.`);
      return;
    }
    if (value === point.assumed) return;
    this.send({ kind: "set_emotion", id: point.id, value });
    this.preview(line, point.id, value);
  }

  // -- ops -------------------------------------------------------------------------------

  private send(op: CurveOp, gesture?: string): void {
    this.model.send({ type: "edit", request: ++this.requests, op, ...(gesture ? { gesture } : {}) });
  }

  private sendHistory(type: "undo" | "redo"): void {
    this.model.send({ type, request: ++this.requests });
  }

  private say(message: string): void {
    this.message.textContent = message;
    this.message.hidden = message === "";
  }
}
