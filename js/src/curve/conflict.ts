// A point's change refused because another view changed the point meanwhile: the value there
// now and the person's own, with two choices, Keep theirs (nothing sent) and Use mine (the
// person's value again, expecting the value now). Which conflict is shown follows from the
// view's edits and their answers (nextConflict); PointConflicts draws it beside the point.

import { choicesBox } from "../shared/conflict";
import { el } from "../shared/dom";
import { formatEmotion } from "../shared/format";
import { t, type Lang } from "../shared/i18n";
import { conflictOf, type Conflict } from "../shared/presence";
import type { ValueWords } from "../shared/view";
import type { CellValue, EditResult } from "../shared/wire";
import type { CurveOp } from "./wire";

/** The point (by row id) whose change was refused, the value there now and the person's. */
export interface PointConflict {
  id: number;
  current: number | null;
  yours: number | null;
}

export type ConflictEvent =
  /** This view sent a change of point `id`: a new attempt, the old conflict no longer applies. */
  | { type: "sent"; id: number }
  /** Python answered a change of point `id`; `conflict` when refused as one. */
  | { type: "answered"; id: number; ok: boolean; conflict: Conflict | null }
  /** The curve was drawn again with these row ids: a conflict on a point gone goes too. */
  | { type: "drawn"; ids: readonly number[] };

function emotion(v: CellValue): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** The conflict shown after `event` (null: none). The last answer about a point says what
 * is shown for it: a later refusal (a drag's last value) replaces an earlier one. */
export function nextConflict(shown: PointConflict | null, event: ConflictEvent): PointConflict | null {
  switch (event.type) {
    case "sent":
      return shown?.id === event.id ? null : shown;
    case "answered":
      if (!event.ok && event.conflict?.on === "cell") {
        return { id: event.id, current: emotion(event.conflict.current), yours: emotion(event.conflict.yours) };
      }
      return shown?.id === event.id ? null : shown;
    case "drawn":
      return shown && !event.ids.includes(shown.id) ? null : shown;
  }
}

/** What a choice sends: nothing for "theirs"; for "mine" the person's value, expecting the
 * value there now (refused again, and shown again, only if it changed once more). */
export function chosenOp(c: PointConflict, choice: "theirs" | "mine"): CurveOp | null {
  // Theirs reads as yours already: nothing to write.
  if (choice === "theirs" || c.yours === c.current) return null;
  return { kind: "set_emotion", id: c.id, value: c.yours, expected: c.current };
}

/** A point's value as the box shows it: signed, in `lang`'s digits; none in words. */
export function valueWords(v: number | null, lang: Lang): string {
  return v === null ? t(lang, "curve.no_value") : formatEmotion(v, lang);
}

/** The curve's words for values (its EditSession's): an emotion as its box and points say it. */
export function emotionWords(lang: Lang): ValueWords {
  return (_column, v) => (typeof v === "number" || v === null ? valueWords(emotion(v), lang) : String(v));
}

/** Where the box goes beside a point at (x, y), inside an area `width` × `height`: above and
 * right of it (the tooltip goes below), else left of it or under it when there is no room. */
export function conflictPlace(x: number, y: number, box: { width: number; height: number },
  area: { width: number; height: number }): { left: number; top: number } {
  const GAP = 12;
  let left = x + GAP;
  if (left + box.width > area.width) left = x - GAP - box.width;
  left = Math.min(left, area.width - box.width); // a point scrolled away: the box stays in view
  let top = y - GAP - box.height;
  if (top < 0) top = Math.min(y + GAP, area.height - box.height);
  return { left: Math.max(0, Math.round(left)), top: Math.max(0, Math.round(top)) };
}

/** The box: which point, the value now and the person's, then Keep theirs and Use mine. */
export function pointConflictBox(lang: Lang, point: string, c: PointConflict,
  choose: (choice: "theirs" | "mine") => void): HTMLDivElement {
  const row = (cls: string, label: string, v: number | null) =>
    el("span", { class: cls }, `${label} `, el("strong", {}, valueWords(v, lang)));
  const box = choicesBox({
    title: t(lang, "curve.conflict.title", { point }),
    values: [row("cjm-conflict-current", t(lang, "curve.conflict.now"), c.current),
      row("cjm-conflict-yours", t(lang, "curve.conflict.yours"), c.yours)],
    choices: (["theirs", "mine"] as const).map((name) => ({
      name, label: t(lang, `curve.conflict.${name}`), title: t(lang, `curve.conflict.${name}_title`), act: () => choose(name),
    })),
    escape: () => choose("theirs"),
  });
  box.dataset.id = String(c.id);
  return box;
}

/** What the box needs of the curve view. */
export interface ConflictHost {
  /** The view: a box shown while the focus is in it takes the focus. */
  readonly root: HTMLElement;
  /** Where the box goes, over the chart (positioned). */
  readonly chart: HTMLElement;
  dragging(): boolean;
  /** A point's words: its step, and its persona if any. */
  pointName(id: number): string;
  /** Where a point is drawn, in the chart's pixels (null: it is not). */
  pointAt(id: number): { x: number; y: number } | null;
  area(): { width: number; height: number };
  /** A choice was made: send `op` (null: nothing) and put the focus back on the point. */
  chosen(id: number, op: CurveOp | null): void;
  /** The box went without a choice (its point gone, or changed again) while it had the
   * focus: give the focus back to the curve. */
  lost(): void;
}

/** The conflict a curve view shows, and its box. */
export class PointConflicts {
  private shown: PointConflict | null = null;
  private box: HTMLDivElement | null = null;
  /** The point each change sent and not answered yet is for, by request. */
  private readonly sentFor = new Map<number, number>();
  /** The last change sent for each point: a drag sends several, and the answers to the
   * earlier ones (refused too) must not show again a box the person has closed. */
  private readonly latest = new Map<number, number>();

  constructor(private readonly lang: Lang, private readonly host: ConflictHost) {}

  get current(): PointConflict | null {
    return this.shown;
  }

  /** Whether the focus is on one of the choices. */
  get focused(): boolean {
    return this.box?.contains(document.activeElement) ?? false;
  }

  sent(request: number, id: number): void {
    this.sentFor.set(request, id);
    this.latest.set(id, request);
    this.event({ type: "sent", id });
  }

  answered(result: EditResult): void {
    const id = this.sentFor.get(result.request);
    this.sentFor.delete(result.request);
    if (id === undefined || this.latest.get(id) !== result.request) return;
    this.latest.delete(id);
    this.event({ type: "answered", id, ok: result.ok, conflict: conflictOf(result) });
  }

  drawn(ids: readonly number[]): void {
    this.event({ type: "drawn", ids });
  }

  /** A drag is over: a conflict that came during it shows now. */
  settled(): void {
    if (this.shown && !this.box) this.paint();
  }

  /** What a view built again in another language showed (see CurveView.carry). */
  restore(c: PointConflict | null, ids: readonly number[], focus: boolean): void {
    this.shown = c && nextConflict(c, { type: "drawn", ids });
    if (this.shown) this.paint(focus);
  }

  private event(event: ConflictEvent): void {
    const before = this.shown;
    this.shown = nextConflict(before, event);
    if (this.shown === before) return;
    const focused = this.focused;
    this.paint();
    if (focused && !this.focused) this.host.lost();
  }

  /** Draw the box beside its point (or take it away); its first button takes the focus only
   * if the focus was in the curve. Not during a drag: it shows when the drag ends. */
  private paint(focus = this.host.root.contains(document.activeElement)): void {
    this.box?.remove();
    this.box = null;
    const c = this.shown;
    if (!c || this.host.dragging()) return;
    this.box = pointConflictBox(this.lang, this.host.pointName(c.id), c, (choice) => this.choose(choice));
    this.host.chart.append(this.box);
    this.place();
    if (focus) this.box.querySelector("button")?.focus({ preventScroll: true });
  }

  /** Beside its point as drawn now (scrolled, redrawn). */
  place(): void {
    const at = this.box && this.shown && this.host.pointAt(this.shown.id);
    if (!this.box || !at) return;
    const { left, top } = conflictPlace(at.x, at.y, { width: this.box.offsetWidth, height: this.box.offsetHeight }, this.host.area());
    this.box.style.left = `${left}px`;
    this.box.style.top = `${top}px`;
  }

  private choose(choice: "theirs" | "mine"): void {
    const c = this.shown;
    if (!c) return;
    this.shown = null;
    this.paint(false);
    this.host.chosen(c.id, chosenOp(c, choice));
  }
}
