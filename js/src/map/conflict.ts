// A cell edit refused because another view changed the cell meanwhile: the editor stays open
// with the person's own text, the value there now is shown under it, and three choices.

import { el } from "../shared/dom";
import { momentKind, momentLabel } from "../shared/format";
import { t, type Lang } from "../shared/i18n";
import type { CellValue, LaneSpec } from "../shared/wire";
import { displayText } from "./format";
import { formatLaneNumber } from "./lanes/number";
import { priorityBadge } from "./lanes/priority";
import type { EditorSpec } from "./lanes/types";

/** A cell's value in the words its lane shows it with (a share as "41 %", seconds as
 * "1 min 05 s", a date in `lang`'s order), the view's word for empty when there is none.
 * `lane` is null for a step's or a stage's name. */
export function cellWords(lane: LaneSpec | null, v: CellValue, lang: Lang): string {
  const empty = t(lang, "views.empty");
  if (v === null || v === "") return empty;
  if (lane === null) return String(v);
  if (lane.kind === "moment") {
    const kind = momentKind(v);
    return kind === null ? empty : momentLabel(kind, lang);
  }
  if (lane.kind === "priority") return priorityBadge(lane, v, lang)?.text ?? String(v);
  if (typeof v === "number" && lane.kind === "number") return formatLaneNumber(v, lane.format, lang) || String(v);
  return displayText(v, lane.dtype, lang);
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
  const button = (id: "theirs" | "mine" | "combine", act: () => void) => {
    const b = el("button", {
      type: "button", class: `cjm-conflict-${id}`, title: t(lang, `conflict.${id}_title`),
      style: "font: inherit; padding: 1px 4px; text-align: left",
    }, t(lang, `conflict.${id}`));
    // A press keeps the focus in the editor, so that the edit does not end on blur.
    b.addEventListener("mousedown", (e) => e.preventDefault());
    b.addEventListener("click", act);
    return b;
  };
  const box = el("div", {
    class: "cjm-conflict", role: "group", "aria-label": t(lang, "conflict.title"),
    style: "display: flex; flex-direction: column; gap: 2px; margin-top: 4px; padding: 4px; font-size: 0.85em;"
      + " border: 2px solid #d9480f; border-radius: 3px; white-space: normal;"
      + " background: var(--jp-layout-color1, #fff); color: var(--jp-ui-font-color1, #111)",
  },
  el("span", { class: "cjm-conflict-title" }, t(lang, "conflict.title")),
  el("q", { class: "cjm-conflict-current", lang, style: `font-weight: 600; overflow-wrap: anywhere; quotes: ${QUOTES[lang]}` }, current),
  button("theirs", () => choices.theirs()),
  button("mine", () => choices.mine()),
  choices.combine ? button("combine", () => choices.combine?.()) : null);
  box.addEventListener("keydown", (e) => {
    e.stopPropagation(); // the grid's keys are not for these buttons
    if (e.key === "Escape") {
      e.preventDefault();
      choices.back();
    }
  });
  return box;
}

/** Both texts in one: theirs first, then the person's, on lines of their own where the
 * editor takes several lines, else side by side. */
export function combined(theirs: string, mine: string, multiline: boolean): string {
  if (theirs === "") return mine;
  if (mine === "") return theirs;
  return `${theirs}${multiline ? "\n" : " "}${mine}`;
}
