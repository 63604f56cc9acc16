// The flow view: draws the layout (layout.ts) as SVG, hides transitions under the slider's
// threshold, and highlights the selected step's transitions. Only the transitions reaching
// the columns in view (and some on each side) are in the DOM: 3,000 painted curves took
// seconds to raster. Every user string goes in as text (textContent, attribute values), and
// steps are looked up through a Map.

import { el, svg } from "../shared/dom";
import { numberFormat } from "../shared/format";
import { lang, type Lang } from "../shared/i18n";
import type { WidgetModel } from "../shared/model";
import { Throttle } from "../shared/throttle";
import { visibleWindow, windowCovers } from "../shared/window";
import {
  clip, COLUMN, decodeFlow, edgesInWindow, layoutFlow, NODE_H, nextNode, type EdgeKind, type FlowData, type FlowLayout,
} from "./layout";
import { duration, word, type WordId } from "./words";

/** How often a slider drag tells Python its value (the last value always goes). */
const SEND_MS = 120;
/** Columns drawn beyond each side of the view, so a short scroll needs no redraw. */
const OVERSCAN = 10;
/** The view's width before it is laid out (a page's first frame). */
const FALLBACK_WIDTH = 1600;

export class FlowView {
  readonly root: HTMLDivElement;
  private readonly lang: Lang;
  private readonly slider: HTMLInputElement;
  private readonly output: HTMLOutputElement;
  private readonly plot: SVGSVGElement;
  private readonly empty: HTMLParagraphElement;
  private readonly send: Throttle<number>;
  private data: FlowData = decodeFlow(null);
  private layout: FlowLayout = layoutFlow(this.data);
  private readonly scroller: HTMLDivElement;
  private readonly resize: ResizeObserver | null;
  /** The output is gone: a frame still queued draws nothing. */
  private disposed = false;
  /** Edge paths made so far (kept when scrolled out, to come back cheaply), by edge. */
  private paths = new Map<number, SVGPathElement>();
  private drawn = new Set<number>();
  private drawnWindow: [number, number] = [0, 0];
  private layers = new Map<EdgeKind, SVGGElement>();
  private minCount = 1;
  private scrollQueued = false;
  private nodes: SVGGElement[] = [];
  private index = new Map<string, number>();
  private focusIndex = 0;
  private selected: number | null = null;
  private lit: number[] = [];
  private readonly viewKey = Math.random().toString(36).slice(2, 8);

  constructor(private readonly model: WidgetModel) {
    this.lang = lang(model);
    const id = `cjm-flow-threshold-${this.viewKey}`;
    this.slider = el("input", { type: "range", id, class: "cjm-flow-slider", min: 0, max: 1, step: 1, value: 1 });
    this.output = el("output", { for: id, class: "cjm-flow-value" });
    const label = el("label", { for: id }, this.w("threshold"));
    const controls = el("div", { class: "cjm-flow-controls" }, label, this.slider, this.output);
    const legend = el("div", { class: "cjm-flow-legend" },
      ...(["forward", "back", "loop", "width"] as const).map((kind) => this.key(kind)));
    this.plot = svg("svg", { class: "cjm-flow-plot", role: "group", "aria-label": this.w("graph") });
    this.empty = el("p", { class: "cjm-flow-empty", hidden: true }, this.w("empty"));
    this.scroller = el("div", { class: "cjm-flow-scroll" }, this.plot);
    this.root = el("div", { class: "cjm-flow", "data-lm-suppress-shortcuts": "true" },
      controls, legend, el("div", { class: "cjm-flow-hint" }, this.w("hint")), this.empty, this.scroller);
    this.scroller.addEventListener("scroll", this.onScroll, { passive: true });
    this.resize = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => this.drawWindow(false));
    this.resize?.observe(this.scroller);
    this.send = new Throttle(SEND_MS, (value) => {
      this.model.set("min_count", value);
      this.model.save_changes();
    });
    // Keys typed in the flow are the flow's, not the notebook's command-mode shortcuts.
    this.root.addEventListener("keydown", (e) => e.stopPropagation());
    this.slider.addEventListener("input", () => this.onSlide(false));
    this.slider.addEventListener("change", () => this.onSlide(true));
    this.plot.addEventListener("keydown", this.onKey);
    this.plot.addEventListener("click", this.onClick);
  }

  private w(id: WordId, params: [string, string | number][] = []): string {
    return word(this.lang, id, new Map(params));
  }

  /** A legend's key: a sample of the edge `kind` and its word. */
  private key(kind: "forward" | "back" | "loop" | "width"): HTMLSpanElement {
    const sample = svg("svg", { width: 28, height: 12, "aria-hidden": "true" },
      kind === "loop"
        ? svg("path", { d: "M8 11C2 1 26 1 20 11", class: "cjm-flow-edge cjm-flow-loop", "stroke-width": 2 })
        : svg("line", { x1: 2, y1: 6, x2: 26, y2: 6, class: `cjm-flow-edge cjm-flow-${kind}`, "stroke-width": kind === "width" ? 6 : 2 }));
    return el("span", { class: "cjm-flow-key" }, sample, this.w(kind));
  }

  private format(value: number, digits = 0): string {
    return numberFormat(this.lang, 0, Number.isInteger(value) ? 0 : Math.max(digits, 1)).format(value);
  }

  /** Draw the whole flow again from `_flow`. */
  readonly update = (): void => {
    this.data = decodeFlow(this.model.get("_flow"));
    this.layout = layoutFlow(this.data);
    this.index = new Map(this.data.nodes.map((step, i) => [step, i]));
    const { width, height, maxCount } = this.layout;
    this.plot.setAttribute("width", String(width));
    this.plot.setAttribute("height", String(height));
    this.plot.setAttribute("viewBox", `0 0 ${width} ${height}`);
    this.slider.max = String(Math.max(1, Math.ceil(maxCount)));
    this.layers = new Map((["back", "forward", "loop"] as const).map((kind) => [kind, svg("g", { class: `cjm-flow-${kind}s` })]));
    this.paths = new Map();
    this.drawn = new Set();
    this.selected = null;
    this.lit = [];
    this.plot.replaceChildren(this.markers(), this.drawBands(), ...this.layers.values(), this.drawNodes());
    this.empty.hidden = this.data.nodes.length > 0;
    this.onMinCount();
    this.drawWindow(true);
    this.onSelected();
  };

  private readonly onScroll = (): void => {
    if (this.scrollQueued) return;
    this.scrollQueued = true;
    requestAnimationFrame(() => {
      this.scrollQueued = false;
      if (!this.disposed) this.drawWindow(false);
    });
  };

  /** Put in the DOM the edges reaching the columns in view, and take out the others. */
  private drawWindow(force: boolean): void {
    const n = this.data.nodes.length;
    const width = this.scroller.clientWidth || FALLBACK_WIDTH;
    const wanted = visibleWindow(this.scroller.scrollLeft, width, n, COLUMN, OVERSCAN);
    if (!force && windowCovers(this.drawnWindow, wanted, OVERSCAN, n)) return;
    this.drawnWindow = wanted;
    const next = new Set(edgesInWindow(this.data.from, this.data.to, wanted));
    for (const e of this.drawn) if (!next.has(e)) this.paths.get(e)?.remove();
    for (const e of next) if (!this.drawn.has(e)) this.layers.get(this.layout.edges[e].kind)!.append(this.edgePath(e));
    this.drawn = next;
  }

  private markers(): SVGDefsElement {
    const defs = svg("defs");
    for (const kind of ["forward", "back"]) {
      defs.append(svg("marker", {
        id: `cjm-flow-arrow-${kind}-${this.viewKey}`, viewBox: "0 0 10 10", refX: 9, refY: 5,
        markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto",
      }, svg("path", { d: "M0 0L10 5L0 10z", class: `cjm-flow-head cjm-flow-head-${kind}` })));
    }
    return defs;
  }

  private drawBands(): SVGGElement {
    const g = svg("g", { class: "cjm-flow-bands", "aria-hidden": "true" });
    const { height } = this.layout;
    this.layout.bands.forEach((band, i) => {
      const label = svg("text", { x: band.x + 6, y: 15, class: "cjm-flow-band-label" });
      label.textContent = clip(band.label, Math.max(4, Math.floor(band.w / 7.5)));
      const title = svg("title");
      title.textContent = band.label;
      g.append(svg("rect", { x: band.x, y: 0, width: band.w, height, class: `cjm-flow-band cjm-flow-band-${i % 2}` }), label);
      label.append(title);
    });
    return g;
  }

  /** Edge `i`'s path, made on first use, hidden or lit as the threshold and selection say. */
  private edgePath(i: number): SVGPathElement {
    let path = this.paths.get(i);
    if (!path) {
      const edge = this.layout.edges[i];
      const { nodes, from, to, count, share, median } = this.data;
      path = svg("path", { d: edge.d, class: `cjm-flow-edge cjm-flow-${edge.kind}`, "stroke-width": edge.width.toFixed(1) });
      if (edge.kind !== "loop") path.setAttribute("marker-end", `url(#cjm-flow-arrow-${edge.kind}-${this.viewKey})`);
      if (edge.dash !== null) path.setAttribute("stroke-dasharray", edge.dash);
      const params: [string, string | number][] = [["from", nodes[from[i]]], ["to", nodes[to[i]]],
        ["count", this.format(count[i], 1)], ["share", share[i] === null ? "–" : `${this.format(Math.round(share[i]! * 1000) / 10, 1)} %`]];
      let text = this.w(edge.kind === "loop" ? "edge_loop" : "edge", params);
      const wait = median[i];
      if (wait !== null) text += `; ${this.w("median", [["time", duration(wait, (v) => this.format(Math.round(v * 10) / 10, 1), this.lang)]])}`;
      const title = svg("title");
      title.textContent = text;
      path.append(title);
      this.paths.set(i, path);
    }
    this.showEdge(path, this.data.count[i] >= this.minCount);
    const s = this.selected;
    path.classList.toggle("cjm-flow-in", s !== null && this.data.to[i] === s);
    path.classList.toggle("cjm-flow-out", s !== null && this.data.from[i] === s);
    return path;
  }

  private showEdge(path: SVGPathElement, show: boolean): void {
    if (show === (path.getAttribute("display") === "none")) {
      if (show) path.removeAttribute("display");
      else path.setAttribute("display", "none");
    }
  }

  private drawNodes(): SVGGElement {
    const g = svg("g", { class: "cjm-flow-nodes", role: "listbox", "aria-label": this.w("steps") });
    const { nodes, stageOf, stages, to, from, count } = this.data;
    const loops = new Map<number, number>();
    from.forEach((a, i) => { if (a === to[i]) loops.set(a, (loops.get(a) ?? 0) + count[i]); });
    this.focusIndex = Math.min(this.focusIndex, Math.max(0, nodes.length - 1));
    this.nodes = this.layout.nodes.map((box, i) => {
      const stage = stageOf[i] >= 0 ? stages[stageOf[i]] : this.w("no_stage");
      const total = (edges: number[]) => this.format(edges.reduce((sum, e) => sum + (from[e] === to[e] ? 0 : count[e]), 0), 1);
      const loop = loops.get(i);
      const name = this.w(loop === undefined ? "node" : "node_loop", [["step", nodes[i]], ["stage", stage],
        ["into", total(this.layout.inEdges[i])], ["out", total(this.layout.outEdges[i])], ["loop", this.format(loop ?? 0, 1)]]);
      const node = svg("g", {
        // Named by its <title>, not aria-label: its visible text (clipped, with a ↻ count)
        // need not then be part of the name it reads out.
        class: "cjm-flow-node", role: "option", "aria-selected": "false",
        tabindex: i === this.focusIndex ? 0 : -1, "data-index": i,
      });
      const label = svg("text", { x: box.cx, y: box.y + (loop === undefined ? NODE_H / 2 + 4 : 16), "text-anchor": "middle", class: "cjm-flow-label" });
      label.textContent = clip(nodes[i], 16);
      const title = svg("title");
      title.textContent = name;
      node.append(title, svg("rect", { x: box.x, y: box.y, width: box.w, height: box.h, rx: 6, class: "cjm-flow-box" }), label);
      if (loop !== undefined) {
        const glyph = svg("text", { x: box.cx, y: box.y + 32, "text-anchor": "middle", class: "cjm-flow-loop-count" });
        glyph.textContent = `↻ ${this.format(loop, 1)}`;
        node.append(glyph);
      }
      return node;
    });
    g.append(...this.nodes);
    return g;
  }

  /** The slider moved: hide and show at once, tell Python at most every SEND_MS. */
  private onSlide(done: boolean): void {
    const value = Number(this.slider.value);
    this.applyThreshold(value);
    this.send.push(value);
    if (done) this.send.end();
  }

  readonly onMinCount = (): void => {
    const raw = this.model.get("min_count");
    const value = typeof raw === "number" && Number.isFinite(raw) ? raw : 1;
    if (Number(this.slider.value) !== value) this.slider.value = String(value);
    this.applyThreshold(value);
  };

  private applyThreshold(min: number): void {
    const { count } = this.data;
    this.minCount = min;
    let visible = 0;
    for (const c of count) if (c >= min) visible++;
    for (const e of this.drawn) this.showEdge(this.paths.get(e)!, count[e] >= min);
    const text = this.w("shown", [["shown", this.format(visible)], ["total", this.format(count.length)]]);
    this.output.textContent = `${this.format(min, 1)} (${text})`;
    this.slider.setAttribute("aria-valuetext", `${this.format(min, 1)}: ${text}`);
    this.root.dataset.shown = String(visible);
  }

  readonly onSelected = (): void => {
    const raw = this.model.get("selected");
    const index = typeof raw === "string" ? this.index.get(raw) ?? null : null;
    if (this.selected !== null) {
      this.nodes[this.selected]?.setAttribute("aria-selected", "false");
      this.nodes[this.selected]?.classList.remove("cjm-flow-selected");
    }
    for (const e of this.lit) this.paths.get(e)?.classList.remove("cjm-flow-in", "cjm-flow-out");
    this.lit = [];
    this.selected = index;
    this.root.classList.toggle("cjm-flow-selecting", index !== null);
    if (index === null) return;
    this.nodes[index].setAttribute("aria-selected", "true");
    this.nodes[index].classList.add("cjm-flow-selected");
    for (const e of this.layout.inEdges[index]) this.paths.get(e)?.classList.add("cjm-flow-in");
    for (const e of this.layout.outEdges[index]) this.paths.get(e)?.classList.add("cjm-flow-out");
    this.lit = [...this.layout.inEdges[index], ...this.layout.outEdges[index]];
  };

  private select(index: number): void {
    const step = this.data.nodes[index];
    const next = this.selected === index ? null : step;
    this.model.set("selected", next);
    this.model.save_changes();
    this.onSelected();
  }

  private moveFocus(index: number): void {
    this.nodes[this.focusIndex]?.setAttribute("tabindex", "-1");
    this.focusIndex = index;
    const node = this.nodes[index];
    node.setAttribute("tabindex", "0");
    node.focus();
  }

  private readonly onKey = (event: KeyboardEvent): void => {
    const node = (event.target as Element).closest?.(".cjm-flow-node");
    if (!node) return;
    const index = Number(node.getAttribute("data-index"));
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      this.select(index);
      return;
    }
    const next = nextNode(index, event.key, this.nodes.length);
    if (next === null) return;
    event.preventDefault();
    this.moveFocus(next);
  };

  private readonly onClick = (event: MouseEvent): void => {
    const node = (event.target as Element).closest?.(".cjm-flow-node");
    if (!node) return;
    const index = Number(node.getAttribute("data-index"));
    this.moveFocus(index);
    this.select(index);
  };

  /** The output is gone (or a new language built a new view): nothing outside keeps it. */
  readonly dispose = (): void => {
    this.disposed = true;
    this.resize?.disconnect();
    this.send.end();
  };
}
