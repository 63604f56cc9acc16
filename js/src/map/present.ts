// Presentation mode: the map full screen in large type, walked stage by stage, the current
// stage wide and centred, the others dimmed, its moments of truth and lowest emotions in a
// spotlight. It lives in the front end only (a page with no kernel presents too): Python only
// asks for it with a {"type": "present", "on": bool} message.

import "./present.css";
import { el } from "../shared/dom";
import { momentKind } from "../shared/format";
import { keyName, t, type Lang, type MessageId } from "../shared/i18n";
import type { Journey } from "../shared/wire";
import { COLUMN_WIDTH, HEAD_WIDTH } from "./cells";
import type { MapLayout } from "./layout";
import { panelMove } from "./list_panel";

// -- pure: the stage walk and the spotlight -----------------------------------------------

/** The index of the stage holding map column `col` (0 when none does). */
export function stageAt(layout: MapLayout, col: number): number {
  const k = layout.stages.findIndex((s) => col >= s.start && col < s.start + s.count);
  return Math.max(0, k);
}

/** The stage walk's keys, as the moves of a list (the priorities panel's). */
const WALK = new Map([
  ["ArrowRight", "ArrowDown"], ["PageDown", "ArrowDown"], ["ArrowLeft", "ArrowUp"], ["PageUp", "ArrowUp"],
  ["Home", "Home"], ["End", "End"],
]);

/** Where a key moves the current stage among `count`; null for a key that does not walk. */
export function walkStage(index: number, key: string, count: number): number | null {
  const move = WALK.get(key);
  return move === undefined ? null : panelMove(move, Math.max(0, Math.min(count - 1, index)), count);
}

/** How much wider the current stage's columns are at most (its steps' text is larger). */
export const STAGE_WIDEN = 1.5;

/**
 * The width of the current stage's columns: half as wide again as the others, narrower when
 * that keeps the whole stage in a `view` px wide, never narrower than the others (`column`).
 */
export function stageColumnWidth(view: number, count: number, column: number): number {
  const fit = Math.floor(view / Math.max(1, count));
  return Math.max(column, Math.min(Math.round(column * STAGE_WIDEN), fit));
}

/** "Stage 2 of 5 · Achat" ("Phase 2 sur 5 · Achat"); empty when the map shows no stage. */
export function stageLabel(layout: MapLayout, index: number, lang: Lang = "en"): string {
  const stage = layout.stages[index];
  return stage ? t(lang, "present.stage", { n: index + 1, total: layout.stages.length, name: stage.name }) : "";
}

/**
 * Why a step is in the spotlight: a moment of truth, the stage's lowest emotion, or an
 * emotion in the lowest third of the scale (said once: "lowest" already says "low").
 */
export type SpotReason = "moment" | "lowest" | "low";

export interface Spot {
  id: number;
  /** The step's map column. */
  col: number;
  step: string;
  reasons: SpotReason[];
  /** The moment of truth's kind ("moment": of no stated kind), when it is one. */
  moment: string | null;
  emotion: number | null;
}

/**
 * The current stage's steps to point at, in map order: its moments of truth (any moment lane),
 * the steps at its lowest emotion (ties all; none when every step of the stage feels the same,
 * as in a one-step stage: nothing is lower than the rest), and any step in the lowest third of
 * the scale. Steps with no emotion (null, NaN) are never the lowest.
 */
export function spotlight(layout: MapLayout, j: Journey, stageIndex: number): Spot[] {
  const stage = layout.stages[stageIndex];
  if (!stage) return [];
  const columns = layout.columns.slice(stage.start, stage.start + stage.count);
  const emotionLane = j.emotion === null ? -1 : j.lanes.findIndex((lane) => lane.key === j.emotion);
  const emotions = columns.map((c) => {
    const v = emotionLane < 0 ? null : j.cells[emotionLane]?.[c.row];
    return typeof v === "number" && Number.isFinite(v) ? v : null;
  });
  const known = emotions.filter((v): v is number => v !== null);
  const min = Math.min(...known);
  const lowest = known.length > 0 && Math.max(...known) > min ? min : null;
  const [lo, hi] = j.scale;
  const lowThird = lo + (hi - lo) / 3;
  const momentLanes = j.lanes.flatMap((lane, i) => (lane.kind === "moment" ? [i] : []));
  const spots: Spot[] = [];
  columns.forEach((c, k) => {
    const moment = momentLanes.map((i) => momentKind(j.cells[i]?.[c.row] ?? null)).find((m) => m !== null) ?? null;
    const v = emotions[k];
    const reasons: SpotReason[] = [];
    if (moment !== null) reasons.push("moment");
    if (v !== null && v === lowest) reasons.push("lowest");
    else if (v !== null && v <= lowThird) reasons.push("low");
    if (reasons.length > 0) spots.push({ id: c.id, col: stage.start + k, step: c.step, reasons, moment, emotion: v });
  });
  return spots;
}

const CUES: ReadonlyMap<SpotReason, MessageId> = new Map<SpotReason, MessageId>([
  ["moment", "present.cue_moment"],
  ["lowest", "present.cue_lowest"],
  ["low", "present.cue_low"],
]);

/** A spot's words in `lang`, in the order of its reasons (a moment's kind shows in its own lane). */
export function cuesIn(lang: Lang): (spot: Spot) => string[] {
  return (spot) => spot.reasons.map((r) => t(lang, CUES.get(r)!));
}

/** A spot's words in English. */
export const spotCues = cuesIn("en");

/** Whether a message from Python asks to present (or to stop). */
export function presentMessage(msg: unknown): { on: boolean } | null {
  if (msg === null || typeof msg !== "object") return null;
  const m = msg as { type?: unknown; on?: unknown };
  return m.type === "present" && typeof m.on === "boolean" ? { on: m.on } : null;
}

/** Alt+P toggles (e.code: Alt+P types "π" on a Mac). */
export function presentShortcut(e: Pick<KeyboardEvent, "altKey" | "ctrlKey" | "metaKey" | "code">): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && e.code === "KeyP";
}

// -- the mode in a view ---------------------------------------------------------------------

/** What the presenter asks of the map view. */
export interface PresentHost {
  layout(): MapLayout;
  journey(): Journey;
  /** Move the grid's focus onto map column `col`'s stage header, drawing and scrolling to it. */
  show(col: number, takeFocus: boolean): void;
}

const EDITORS = "input, textarea, select.cjm-editor";

export class Presenter {
  /** The toolbar's part: the Present toggle, and while presenting the stage walk. */
  readonly box: HTMLSpanElement;
  readonly button: HTMLButtonElement;
  private readonly indicator: HTMLSpanElement;
  private readonly walk: HTMLButtonElement[];
  private root: HTMLElement | null = null;
  private scroller: HTMLElement | null = null;
  private stage = 0;
  private presenting = false;
  /** Whether the grid wears presenting's marks (an ordinary draw then costs nothing more). */
  private decorated = false;
  /** Keys pressed with the focus nowhere (on the page's body): the presented map's. */
  private readonly stray = (e: KeyboardEvent): void => {
    if (e.target === document.body) this.onKey(e);
  };

  constructor(private readonly host: PresentHost, private readonly lang: Lang = "en") {
    this.button = el("button", {
      type: "button", class: "cjm-button", "data-action": "present", "aria-pressed": "false", "aria-keyshortcuts": "Alt+P",
      title: `${t(lang, "present.title")} (Alt+P; ${t(lang, "present.leave", { key: keyName(lang, "Escape") })})`,
    }, t(lang, "present.label"));
    this.button.addEventListener("click", () => (this.presenting ? this.leave() : this.enter(false)));
    const step = (key: string, label: string, title: string) => {
      const b = el("button", { type: "button", class: "cjm-button cjm-present-walk", title, "aria-label": title, hidden: true }, label);
      b.addEventListener("click", () => this.go(walkStage(this.stage, key, this.host.layout().stages.length)));
      return b;
    };
    this.walk = [
      step("ArrowLeft", "\u25C0", `${t(lang, "present.previous")} (\u2190)`),
      step("ArrowRight", "\u25B6", `${t(lang, "present.next")} (\u2192)`),
    ];
    this.indicator = el("span", { class: "cjm-present-stage", role: "status", "aria-live": "polite", hidden: true });
    this.box = el("span", { class: "cjm-present" }, this.button, this.walk[0], this.indicator, this.walk[1]);
  }

  private resize: ResizeObserver | undefined;

  /** Listen on the map's root: keys, presses and full-screen changes (capture: before the grid's). */
  attach(root: HTMLElement, scroller: HTMLElement): void {
    this.root = root;
    this.scroller = scroller;
    root.addEventListener("keydown", (e) => this.onKey(e), true);
    for (const type of ["dblclick", "pointerdown"] as const) {
      // No edit starts while presenting: no editor, no dragged emotion.
      root.addEventListener(type, (e) => {
        if (this.presenting && scroller.contains(e.target as Node)) e.stopPropagation();
      }, true);
    }
    root.addEventListener("click", (e) => this.onClick(e), true);
    // The browser's own Escape leaves full screen: leave presenting with it.
    root.addEventListener("fullscreenchange", () => {
      if (this.presenting && document.fullscreenElement !== root && !root.classList.contains("is-overlay")) this.leave();
    });
    // Full screen and the overlay come after the press, a projector may change the window:
    // the stage is sized and centred again for the room it has.
    if (typeof ResizeObserver !== "undefined") {
      let width = 0;
      this.resize = new ResizeObserver(() => {
        if (!this.presenting || scroller.clientWidth === width) return;
        width = scroller.clientWidth;
        this.go(this.stage);
      });
      this.resize.observe(scroller);
    }
  }

  /** The view is gone: stop presenting (its document key listener goes) and observing. */
  dispose(): void {
    this.leave();
    this.resize?.disconnect();
  }

  /** A custom message from Python; true when it was the presenter's. */
  receive(msg: unknown): boolean {
    const m = presentMessage(msg);
    if (!m) return false;
    if (m.on && !this.presenting) this.enter(true);
    else if (!m.on && this.presenting) this.leave();
    return true;
  }

  /**
   * Enter: full screen when the browser allows it, else a window-filling overlay (no user
   * gesture, as from Python, or an iframe). `takeFocus`: move the keyboard into the map.
   */
  enter(takeFocus: boolean): void {
    const root = this.root;
    if (!root || this.presenting) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && root.contains(active) && active.matches(EDITORS)) active.blur(); // ends an edit
    this.presenting = true;
    // A press on the map's blank part focuses it, so the keys still reach it.
    root.tabIndex = -1;
    document.addEventListener("keydown", this.stray);
    this.button.setAttribute("aria-pressed", "true");
    root.classList.add("cjm-presenting");
    const overlay = () => {
      if (!this.presenting || document.fullscreenElement === root) return;
      // Another view of the map already fills the window (m.present() reaches every view).
      const other = document.querySelector(".cjm-map.is-overlay");
      if (other && other !== root) {
        this.leave();
        return;
      }
      root.classList.add("is-overlay");
      // In the top layer, out of the notebook's panels: their `contain` would hold a fixed box.
      if (typeof root.showPopover === "function") {
        root.setAttribute("popover", "manual");
        root.showPopover();
      }
      // The keys to this view, if another one took them meanwhile.
      if (takeFocus && !root.contains(document.activeElement)) this.go(this.stage, true);
    };
    try {
      const asked = root.requestFullscreen?.();
      if (asked) asked.catch(overlay);
      else overlay();
    } catch {
      overlay();
    }
    // From the stage of the grid's current cell (the one Tab reaches).
    const layout = this.host.layout();
    const current = this.scroller?.querySelector<HTMLElement>('[data-col][tabindex="0"]');
    if (current) this.stage = stageAt(layout, Number(current.dataset.col));
    const focused = this.scroller?.contains(document.activeElement) ?? false;
    this.go(Math.min(this.stage, layout.stages.length - 1), takeFocus || focused);
  }

  leave(): void {
    const root = this.root;
    if (!root || !this.presenting) return;
    this.presenting = false;
    root.removeAttribute("tabindex");
    document.removeEventListener("keydown", this.stray);
    this.button.setAttribute("aria-pressed", "false");
    root.classList.remove("cjm-presenting", "is-overlay");
    if (root.hasAttribute("popover")) {
      if (root.matches(":popover-open")) root.hidePopover();
      root.removeAttribute("popover"); // a closed popover is not displayed at all
    }
    delete root.dataset.stageIndex;
    if (document.fullscreenElement === root) document.exitFullscreen?.().catch(() => undefined);
    this.indicator.textContent = "";
    this.paint();
    // Back to the toggle, unless the focus is in the grid (or elsewhere on the page).
    const active = document.activeElement;
    if (active === document.body || (root.contains(active) && !this.scroller?.contains(active))) this.button.focus();
  }

  /** Decorate what the grid drew: call after every draw (and it is called on a stage change). */
  paint(): void {
    const scroller = this.scroller;
    if (!scroller || (!this.presenting && !this.decorated)) return;
    this.decorated = this.presenting;
    for (const node of scroller.querySelectorAll(".cjm-spot-cue")) node.remove();
    for (const node of scroller.querySelectorAll(".is-spotlit, .is-spotlit-col")) {
      node.classList.remove("is-spotlit", "is-spotlit-col");
      node.removeAttribute("data-spot");
    }
    const layout = this.host.layout();
    const stage = this.presenting ? layout.stages[Math.min(this.stage, layout.stages.length - 1)] : undefined;
    const inStage = (col: number) => stage !== undefined && col >= stage.start && col < stage.start + stage.count;
    const cells = scroller.querySelectorAll<HTMLElement>("[data-col]");
    for (const cell of cells) {
      const on = inStage(Number(cell.dataset.col));
      cell.classList.toggle("is-stage-current", this.presenting && on);
      cell.classList.toggle("is-dimmed", this.presenting && !on);
      if (cell.dataset.row !== "-1") continue;
      if (this.presenting && on) cell.setAttribute("aria-current", "true");
      else cell.removeAttribute("aria-current");
    }
    // The current stage's <col>s are wider; a step header's place among them gives its column.
    if (stage) this.widen(scroller, stage.count);
    const cols = scroller.querySelectorAll("col.cjm-col-step");
    const heads = scroller.querySelectorAll<HTMLElement>("tr.cjm-steps th[data-col]");
    cols.forEach((col, k) => col.classList.toggle("is-stage-current", this.presenting && inStage(Number(heads[k]?.dataset.col))));
    this.walk.forEach((b) => { b.hidden = !this.presenting; });
    this.indicator.hidden = !this.presenting;
    if (!stage) return;
    const index = layout.stages.indexOf(stage);
    this.root!.dataset.stageIndex = String(index);
    const label = stageLabel(layout, index, this.lang);
    if (this.indicator.textContent !== label) this.indicator.textContent = label;
    this.walk[0].disabled = index === 0;
    this.walk[1].disabled = index === layout.stages.length - 1;
    for (const spot of spotlight(layout, this.host.journey(), index)) this.spot(scroller, spot);
  }

  /** Size the current stage's columns to the view; its emotion points are kept round. */
  private widen(scroller: HTMLElement, count: number): void {
    const head = scroller.querySelector<HTMLElement>("tr.cjm-steps th.cjm-lane-head");
    const view = scroller.clientWidth - (head?.offsetWidth ?? HEAD_WIDTH);
    const width = stageColumnWidth(view, count, COLUMN_WIDTH);
    // The curve's drawing is COLUMN_WIDTH wide, stretched to the cell less its 1px border.
    this.root!.style.setProperty("--cjm-stage-col", `${width}px`);
    this.root!.style.setProperty("--cjm-unstretch", ((COLUMN_WIDTH - 1) / (width - 1)).toFixed(4));
  }

  private spot(scroller: HTMLElement, spot: Spot): void {
    const kind = spot.reasons.includes("lowest") || spot.reasons.includes("low") ? "emotion" : "moment";
    for (const cell of scroller.querySelectorAll<HTMLElement>(`[data-col="${spot.col}"]`)) {
      if (cell.dataset.row === "-1") continue; // the stage header spans the stage
      if (cell.dataset.row !== "0") {
        cell.classList.add("is-spotlit-col");
        continue;
      }
      cell.classList.add("is-spotlit");
      cell.dataset.spot = kind;
      const cues = cuesIn(this.lang)(spot);
      cell.append(el("span", { class: "cjm-spot-cue" },
        el("span", { class: "cjm-sr" }, t(this.lang, "present.spotlight")),
        ...cues.flatMap((cue, k) => [
          k > 0 ? el("span", { class: "cjm-sr" }, ", ") : null,
          el("span", { class: "cjm-spot-reason", "data-reason": spot.reasons[k] },
            spot.reasons[k] === "moment" ? el("span", { "aria-hidden": "true" }, "\u2605 ") : null, cue),
        ])));
    }
  }

  /** Make stage `index` the current one, bring it into view and centre it. */
  private go(index: number | null, takeFocus = false): void {
    const layout = this.host.layout();
    if (index === null || index < 0 || !this.presenting) {
      this.paint();
      return;
    }
    this.stage = index;
    const stage = layout.stages[index];
    this.paint();
    if (!stage) return;
    this.host.show(stage.start, takeFocus || (this.scroller?.contains(document.activeElement) ?? false));
    this.paint();
    this.centre(stage.start, stage.count);
  }

  /** Scroll so that the stage sits in the middle of the view (its start first when it is wider). */
  private centre(start: number, count: number): void {
    const scroller = this.scroller;
    const first = scroller?.querySelector<HTMLElement>(`tr.cjm-steps th[data-col="${start}"]`);
    const head = scroller?.querySelector<HTMLElement>("tr.cjm-steps th.cjm-lane-head");
    if (!scroller || !first || !head) return;
    const view = scroller.clientWidth - head.offsetWidth;
    const width = first.offsetWidth * count;
    scroller.scrollLeft = Math.max(0, first.offsetLeft - head.offsetWidth - Math.max(0, (view - width) / 2));
  }

  private onClick(e: MouseEvent): void {
    // A press on another stage's cell, or a step picked in a panel, walks to its stage.
    if (!this.presenting || !(e.target instanceof Element)) return;
    const layout = this.host.layout();
    const item = e.target.closest<HTMLElement>(".cjm-panel button[data-id]");
    const cell = e.target.closest<HTMLElement>("[data-col]");
    const col = item ? layout.columns.findIndex((c) => c.id === Number(item.dataset.id))
      : cell && this.scroller?.contains(cell) ? Number(cell.dataset.col) : -1;
    if (col < 0) return;
    const index = stageAt(layout, col);
    if (index !== this.stage) this.go(index);
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target instanceof HTMLElement ? e.target : null;
    if (presentShortcut(e)) {
      if (target?.matches(EDITORS) && !this.presenting) return; // typing in a cell: its editor's key
      e.preventDefault();
      e.stopPropagation();
      if (this.presenting) this.leave();
      else this.enter(this.scroller?.contains(target) ?? false);
      return;
    }
    if (!this.presenting) return;
    // The persona list and the panels keep their own keys.
    if (target?.closest(".cjm-panel") || (target instanceof HTMLSelectElement && e.key !== "Escape")) return;
    const plain = !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey;
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      this.leave();
      return;
    }
    const next = plain ? walkStage(this.stage, e.key, this.host.layout().stages.length) : null;
    if (next !== null) {
      e.preventDefault();
      e.stopPropagation();
      this.go(next);
      return;
    }
    // ↑/↓ still move through the grid (to read a cell); no other key reaches it: no edit
    // starts, no step moves, nothing is undone. Tab and the buttons' Enter keep their defaults.
    if (plain && (e.key === "ArrowUp" || e.key === "ArrowDown")) return;
    e.stopPropagation();
  }
}
