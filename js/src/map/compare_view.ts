// What the map view asks of compare mode: whether this view compares personas (each view its
// own, as with the persona shown), its toolbar switch, where steps and lanes sit among the
// sub-rows of the side-by-side grid, and what the view draws, prints, selects and plans
// differently when tracks are side by side (see compare.ts, compare_grid.ts).

import { el } from "../shared/dom";
import { t, type Lang } from "../shared/i18n";
import type { WidgetModel } from "../shared/model";
import { sendFrom } from "../shared/outbox";
import { keyTitle } from "../shared/shortcuts";
import type { Journey } from "../shared/wire";
import type { TableModel } from "../shared/table";
import { canComparePersonas, compareLayout, placeOf, rowPlace, selectedBy, trackLayout, trackPersona, visualRow, type CompareLayout } from "./compare";
import { compareDrawings, drawCompareGrid, paintCompareSelection } from "./compare_grid";
import { compareTable } from "./compare_table";
import { drawGrid, paintSelection, type DrawnGrid, type GridInput } from "./grid";
import { imageTracks, type ImageTrack } from "./image";
import type { LaneDrawing } from "./lanes";
import type { GridPos, MapLayout, SelectMode } from "./layout";
import { printTables } from "./print";
import { plan, VIEW_KEYS, type Action } from "./toolbar";

type StepAction = Exclude<Action, "undo" | "redo">;

export const COMPARE_KEYS = VIEW_KEYS.get("compare") ?? "";

export class CompareMode {
  readonly button: HTMLButtonElement;
  /** The layout drawn now, when the map shows tracks side by side. */
  layout: CompareLayout | null = null;
  private on = false;
  private seen: [unknown, unknown] = [undefined, undefined];

  constructor(private readonly model: WidgetModel, private readonly view: () => string, toggle: (on: boolean) => void,
    lang: Lang, private readonly readOnly: boolean, carried?: boolean) {
    this.button = el("button", {
      type: "button", class: "cjm-button", "data-action": "compare", "aria-pressed": "false", hidden: true,
      "aria-keyshortcuts": COMPARE_KEYS, title: keyTitle(t(lang, "compare.toggle_title"), COMPARE_KEYS, lang),
    }, t(lang, "compare.toggle"));
    this.button.addEventListener("click", () => toggle(!this.on));
    this.follow();
    if (carried !== undefined) this.on = carried; // the view before a new language's, as it was
  }

  get isOn(): boolean {
    return this.on;
  }

  /**
   * Follow the model's `compare_personas` when Python set it (every view) or this view did; one another
   * view switched is that view's alone (Python says which in `_compare_from`). True on a change.
   */
  follow(): boolean {
    const value = this.model.get("compare_personas");
    const from = this.model.get("_compare_from");
    if (value === this.seen[0] && from === this.seen[1]) return false;
    this.seen = [value, from];
    const mine = this.readOnly || !from || from === this.view();
    if (!mine || typeof value !== "boolean" || value === this.on) return false;
    this.on = value;
    return true;
  }

  /** This view's switch: drawn at once, and told to Python (which sets `compare_personas` for it). */
  set(on: boolean): void {
    this.on = on;
    if (this.readOnly) {
      this.model.set("compare_personas", on);
      this.model.save_changes();
    } else sendFrom(this.model, this.view(), { type: "compare", on });
  }

  /** The layout for a journey: side by side, or null for the one-persona map. */
  lay(j: Journey, persona: string | null): CompareLayout | null {
    const can = canComparePersonas(j);
    this.button.hidden = !can;
    this.button.setAttribute("aria-pressed", String(can && this.on));
    this.layout = compareLayout(j, persona, this.on);
    return this.layout;
  }

  /** Visual rows below the step header. */
  rows(lanes: number): number {
    return this.layout ? lanes * this.layout.tracks.length : lanes;
  }

  /** The lane index of a visual row (row ≥ 1). */
  laneOf(row: number): number {
    return this.layout ? rowPlace(row, this.layout.tracks.length).lane : row - 1;
  }

  /** The track of a visual row; null on the headers or outside compare mode. */
  trackOf(row: number): number | null {
    return this.layout && row >= 1 ? rowPlace(row, this.layout.tracks.length).track : null;
  }

  /** Where step `id` is drawn in lane `lane` (-1: its step header). */
  place(id: number, lane: number): GridPos | null {
    if (!this.layout) return null;
    const at = placeOf(this.layout, id);
    if (!at) return null;
    return { row: lane < 0 ? 0 : visualRow(lane, at.track, this.layout.tracks.length), col: at.col };
  }

  /** Where step `id` is drawn in lane `lane` (-1: its step header), side by side or else in the
   * map's `layout` (col -1: it is not drawn). */
  at(id: number, lane: number, layout: MapLayout): GridPos {
    return this.place(id, lane) ?? { row: lane + 1, col: layout.columns.findIndex((c) => c.id === id) };
  }

  /** The ids a click or Space on a cell selects (see compare.ts's selectedBy). */
  selection(pos: GridPos): number[] {
    return this.layout ? selectedBy(this.layout, pos.col, this.trackOf(pos.row)) : [];
  }

  /** The persona an op made at `pos` means (a sub-row's track's; on headers the first holding the step). */
  persona(pos: GridPos, shown: string | null): string | null {
    if (!this.layout) return shown;
    const track = this.trackOf(pos.row) ?? Math.max(0, this.layout.ids[pos.col]?.findIndex((id) => id !== null) ?? 0);
    return trackPersona(this.layout, track, shown);
  }

  /** The state of the sub-row at `pos`, in a comparison view (null: on a header, or none). */
  stateAt(pos: GridPos): string | null {
    const track = this.trackOf(pos.row);
    return this.layout?.kind === "state" && track !== null ? this.layout.tracks[track] : null;
  }

  /** The lanes' drawings side by side (null: each lane draws its own). */
  drawings(j: Journey, lang: Lang): LaneDrawing[] | null {
    return this.layout ? compareDrawings(j, this.layout, lang) : null;
  }

  /** A window of the grid: side by side, with the tracks' marks, gaps and deltas, or the one-track grid. */
  grid(input: GridInput): DrawnGrid {
    return this.layout ? drawCompareGrid({ ...input, layout: this.layout, lang: input.lang ?? "en" }) : drawGrid(input);
  }

  /** The selection outlined on the grid drawn now. */
  paintSelection(cells: HTMLElement[][], ids: number[]): void {
    if (this.layout) paintCompareSelection(cells, ids);
    else paintSelection(cells, ids);
  }

  /** The printout: side by side, each block is the side-by-side grid (no one persona named). */
  print(input: Omit<GridInput, "window">): HTMLElement {
    const side = this.layout;
    if (!side) return printTables(input);
    const both = { ...input, layout: side, persona: null };
    return printTables(both, (window) => drawCompareGrid({ ...both, window, lang: both.lang ?? "en" }));
  }

  /** The table view's content side by side (null: the persona's own table). */
  table(j: Journey, persona: string | null, title: unknown, lang: Lang): TableModel | null {
    return this.layout ? compareTable(j, this.layout, persona, title, lang) : null;
  }

  /** The image's tracks side by side (null: the persona's own map). */
  imageTracks(j: Journey, persona: string | null, lang: Lang): ImageTrack[] | null {
    return this.layout ? imageTracks(j, this.layout, persona, lang) : null;
  }

  /** Side by side, what a click or Space selects from the focus (null: the one-track map's own selection). */
  select(focus: GridPos, now: number[], anchor: number | null, mode: SelectMode): { ids: number[]; anchor: number | null } | null {
    return this.layout ? sideSelection((pos) => this.selection(pos), focus, now, anchor, mode) : null;
  }

  /** A toolbar step action's op and the focus after it (see trackPlan). */
  plan(action: StepAction, layout: MapLayout, focus: GridPos, lang: Lang): ReturnType<typeof plan> {
    return trackPlan(this.layout && ((pos: GridPos) => this.trackFocus(pos)), (pos) => this.stateAt(pos), action, layout, focus, lang);
  }

  /**
   * The toolbar's step actions act on the focused track's step: its own one-track layout,
   * with the focus at that step's place in it (null: the focus is on a gap).
   */
  trackFocus(pos: GridPos): { layout: MapLayout; focus: GridPos } | null {
    if (!this.layout) return null;
    const track = this.trackOf(pos.row) ?? Math.max(0, this.layout.ids[pos.col]?.findIndex((id) => id !== null) ?? 0);
    const { layout, cols } = trackLayout(this.layout, track);
    const col = cols.indexOf(pos.col);
    return col < 0 ? null : { layout, focus: { row: pos.row, col } };
  }
}

/**
 * Side by side, the focused cell selects its own step, a step header its column's steps
 * (`pick`); Shift adds the columns from the anchor, Ctrl toggles.
 */
export function sideSelection(pick: (pos: GridPos) => number[], focus: GridPos, now: number[], anchor: number | null,
  mode: SelectMode): { ids: number[]; anchor: number | null } {
  const ids = pick(focus);
  let next: number[];
  if (mode === "toggle") {
    const on = ids.every((id) => now.includes(id));
    next = on ? now.filter((x) => !ids.includes(x)) : [...now, ...ids.filter((id) => !now.includes(id))];
  } else if (mode === "extend" && anchor !== null) {
    const lo = Math.min(anchor, focus.col);
    const hi = Math.max(anchor, focus.col);
    next = [];
    for (let col = lo; col <= hi; col++) next.push(...pick({ row: focus.row, col }));
  } else next = ids;
  return { ids: next, anchor: mode !== "extend" || anchor === null ? focus.col : anchor };
}

/**
 * A toolbar step action's op and the focus after it. Side by side (`track` given), it acts on
 * the focused track's step (nothing on a gap, but a stage can be added), the focus staying on
 * its sub-row; a stage added on a state's sub-row is in that state (`stateAt`).
 */
export function trackPlan(track: ((pos: GridPos) => { layout: MapLayout; focus: GridPos } | null) | null,
  stateAt: (pos: GridPos) => string | null, action: StepAction, layout: MapLayout, focus: GridPos, lang: Lang):
  ReturnType<typeof plan> {
  const own = track ? track(focus) : null;
  if (track && !own && action !== "stage") return null;
  const next = plan(action, own?.layout ?? layout, own?.focus ?? focus, lang);
  if (!next) return null;
  if (own) next.focus = { row: focus.row, col: focus.col + (action === "insert" ? 1 : 0) };
  const state = stateAt(focus);
  if (state !== null && next.op.kind === "add_stage") next.op = { ...next.op, state };
  return next;
}
