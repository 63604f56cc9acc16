// A point's change refused because another view changed the point meanwhile: the value there
// now and the person's own, with two choices, Keep theirs (nothing sent) and Use mine (the
// person's value again, expecting the value now). Which conflict is shown follows from the
// view's edits and their answers (nextConflict); the box is drawn beside the point.

import { choicesBox } from "../shared/conflict";
import { el } from "../shared/dom";
import { formatEmotion } from "../shared/format";
import { t, type Lang } from "../shared/i18n";
import type { Conflict } from "../shared/presence";
import type { CellValue } from "../shared/wire";
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
