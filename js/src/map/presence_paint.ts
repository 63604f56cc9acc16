// The other views' presence on the map's grid: how many are open (a badge in the toolbar),
// the cell each edits (a solid outline in its colour) and the steps each selected (a dashed one).

import { el } from "../shared/dom";
import { t, type Lang } from "../shared/i18n";
import { colourOf, type Editing, type Presence } from "../shared/presence";
import type { Journey } from "../shared/wire";

/** A place on the grid as another view names it: a step in a lane (-1: its header), or a stage's header. */
export type PresencePlace = { id: number; lane: number } | { stage: string };

/** How a cell is outlined: in the other view's colour, solid where it edits, dashed where it selected. */
export interface PresenceMark {
  colour: string;
  editing: boolean;
}

/** Where another view's editor is open (null: it edits nothing). */
export function editedPlace(e: Editing | null, j: Pick<Journey, "lanes" | "step_key">): PresencePlace | null {
  if (e === null) return null;
  if (typeof e.stage === "string") return { stage: e.stage };
  if (typeof e.id !== "number") return null;
  return { id: e.id, lane: e.column === j.step_key ? -1 : j.lanes.findIndex((l) => l.key === e.column) };
}

/**
 * The outline of each cell that shows another view's work, as the views come: an edit
 * outlines over a selection, a selection never over an edit (whichever view's came first).
 */
export function presenceMarks<C>(others: ReadonlyMap<string, Presence>, j: Pick<Journey, "lanes" | "step_key">,
  cellOf: (at: PresencePlace) => C | null | undefined): Map<C, PresenceMark> {
  const marks = new Map<C, PresenceMark>();
  const mark = (cell: C | null | undefined, colour: string, editing: boolean) => {
    if (cell === null || cell === undefined || (marks.get(cell)?.editing && !editing)) return;
    marks.set(cell, { colour, editing });
  };
  for (const [view, p] of others) {
    const colour = colourOf(view);
    for (const id of p.selected) mark(cellOf({ id, lane: -1 }), colour, false);
    const at = editedPlace(p.editing, j);
    mark(at && cellOf(at), colour, true);
  }
  return marks;
}

/** The badge's words: how many other views are open. */
export function othersText(n: number, lang: Lang): string {
  return t(lang, n === 1 ? "views.others.one" : "views.others.other", { n });
}

/** Paints the other views' presence on the grid the view draws, where the view says each place is drawn. */
export class PresencePaint {
  /** Shown in the toolbar while another view is open. */
  readonly badge = el("span", { class: "cjm-presence", role: "status", hidden: true });
  constructor(private readonly lang: Lang, private readonly grid: () => HTMLElement, private readonly journey: () => Journey,
    private readonly cellOf: (at: PresencePlace) => HTMLElement | null | undefined) {}

  /** Paint again the badge and every cell's outline for the other views open now (the kernel's
   * `_presence`), the outlines painted before cleared. */
  paint(others: ReadonlyMap<string, Presence>): void {
    const n = others.size;
    this.badge.hidden = n === 0;
    this.badge.textContent = othersText(n, this.lang);
    for (const cell of Array.from(this.grid().querySelectorAll<HTMLElement>("[data-presence]"))) {
      cell.style.outline = "";
      cell.style.outlineOffset = "";
      delete cell.dataset.presence;
      cell.removeAttribute("aria-description");
    }
    for (const [cell, { colour, editing }] of presenceMarks(others, this.journey(), this.cellOf)) {
      cell.style.outline = `${editing ? 3 : 2}px ${editing ? "solid" : "dashed"} ${colour}`;
      cell.style.outlineOffset = "-3px";
      cell.dataset.presence = editing ? "editing" : "selected";
      cell.setAttribute("aria-description", t(this.lang, editing ? "views.editing" : "views.selected"));
    }
  }
}
