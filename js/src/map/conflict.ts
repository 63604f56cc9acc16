// A cell edit refused because another view changed the cell meanwhile: the editor stays open
// with the person's own text, the value there now is shown under it, and three choices.

import { choicesBox, type Choice } from "../shared/conflict";
import { el } from "../shared/dom";
import { formatEmotion, momentKind, momentLabel } from "../shared/format";
import { t, type Lang } from "../shared/i18n";
import { plainWords, type ValueWords } from "../shared/view";
import type { CellValue, Journey, LaneSpec } from "../shared/wire";
import { displayText } from "./format";
import { channelItems } from "./lanes/channel";
import { formatLaneNumber } from "./lanes/number";
import { priorityBadge } from "./lanes/priority";
import type { EditorSpec } from "./lanes/types";

/** A cell's value in the words its lane shows it with (a share as "41 %", seconds as
 * "1 min 05 s", an emotion signed as "−2", channels one after the other, a date in `lang`'s
 * order), the view's word for empty when there is none. `lane` is null for a step's or a
 * stage's name. */
export function cellWords(lane: LaneSpec | null, v: CellValue, lang: Lang): string {
  const empty = t(lang, "views.empty");
  if (v === null || v === "") return empty;
  if (lane === null) return String(v);
  if (lane.kind === "moment") {
    const kind = momentKind(v);
    return kind === null ? empty : momentLabel(kind, lang);
  }
  if (lane.kind === "priority") return priorityBadge(lane, v, lang)?.text ?? String(v);
  if (lane.kind === "emotion" && typeof v === "number") return formatEmotion(v, lang) || String(v);
  if (lane.kind === "channel" && typeof v === "string") return channelItems(v).join(", ") || empty;
  if (typeof v === "number" && lane.kind === "number") return formatLaneNumber(v, lane.format, lang) || String(v);
  return displayText(v, lane.dtype, lang);
}

/** The map's words for values (EditSession's): by the lane whose key the message names, in
 * the journey drawn now; a step's name as it is; a lane no longer drawn, in plain words. */
export function laneWords(journey: () => Journey, lang: Lang): ValueWords {
  const plain = plainWords(lang);
  return (column, v) => {
    const j = journey();
    if (column !== null && column === j.step_key) return cellWords(null, v, lang);
    const lane = column === null ? undefined : j.lanes.find((l) => l.key === column);
    return lane ? cellWords(lane, v, lang) : plain(column, v);
  };
}

/** Whether both values may be joined into one text: only for text (joined numbers, dates or
 * choices would read as another value, or as none). */
export function combinable(lane: LaneSpec | null, spec: EditorSpec): boolean {
  if (spec.type === "select" || (spec.type === "input" && spec.numeric)) return false;
  return lane === null || (lane.dtype === "text" && !["number", "moment", "priority", "emotion"].includes(lane.kind));
}

/** Quotes around a value, as `lang` writes them (CSS `quotes`). */
export const QUOTES: Record<Lang, string> = { en: "\"\u201C\" \"\u201D\"", fr: "\"\u00AB\u00A0\" \"\u00A0\u00BB\"" };

export interface ConflictChoices {
  /** Keep the value there now; the person's text goes. */
  theirs(): void;
  /** Write the person's text over the value there now. */
  mine(): void;
  /** Both texts joined in the editor, to edit before saving (absent for a list to pick from). */
  combine?(): void;
  /** Escape: back into the editor. */
  back(): void;
}

/** The choices under a conflicted editor: the current value and three buttons (Tab reaches them). */
export function conflictBox(lang: Lang, current: string, choices: ConflictChoices): HTMLDivElement {
  const choice = (name: "theirs" | "mine" | "combine", act: () => void): Choice =>
    ({ name, label: t(lang, `conflict.${name}`), title: t(lang, `conflict.${name}_title`), act });
  return choicesBox({
    title: t(lang, "conflict.title"),
    values: [el("q", { class: "cjm-conflict-current", lang, style: `font-weight: 600; overflow-wrap: anywhere; quotes: ${QUOTES[lang]}` }, current)],
    choices: [choice("theirs", () => choices.theirs()), choice("mine", () => choices.mine()),
      ...(choices.combine ? [choice("combine", () => choices.combine?.())] : [])],
    escape: () => choices.back(),
    // A press keeps the focus in the editor, so that the edit does not end on blur.
    keepFocus: true,
  });
}

/** Both texts in one: theirs first, then the person's, on lines of their own where the
 * editor takes several lines, else side by side. */
export function combined(theirs: string, mine: string, multiline: boolean): string {
  if (theirs === "") return mine;
  if (mine === "") return theirs;
  return `${theirs}${multiline ? "\n" : " "}${mine}`;
}
