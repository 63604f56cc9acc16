// The priorities panel: the steps to act on first for the persona shown, each a button that
// selects its step on the map. Python ranks them (encode_priorities, as m.priorities() does);
// the badge, stage and step come from the rest of the journey.

import { el } from "../shared/dom";
import { t, type Lang, type MessageId } from "../shared/i18n";
import type { Journey, PriorityItem } from "../shared/wire";
import { splitItems } from "./format";
import { badgeNode, priorityBadge, type Badge } from "./lanes/priority";
import { ListPanel } from "./list_panel";

export interface PanelItem {
  id: number;
  step: string;
  stage: string;
  badge: Badge | null;
  /** Pain, opportunity and owner, as [title, text], for those the step has. */
  notes: [string, string][];
}

const NOTES: [keyof PriorityItem & string, MessageId][] = [
  ["pain", "lane.pain"],
  ["opportunity", "lane.opportunity"],
  ["owner", "lane.owner"],
];

/** The panel's items for a persona (null: the map has none), in Python's order. */
export function panelItems(j: Journey, persona: string | null, lang: Lang = "en"): PanelItem[] {
  const p = j.priorities;
  if (!p) return [];
  const index = j.lanes.findIndex((lane) => lane.key === p.lane);
  const lane = j.lanes[index];
  const values = j.cells[index] ?? [];
  const rows = new Map(j.ids.map((id, row) => [id, row]));
  const items: PanelItem[] = [];
  for (const item of p.items) {
    const row = rows.get(item.id);
    if (row === undefined || (persona !== null && j.persona && j.persona[row] !== persona)) continue;
    const notes = NOTES.flatMap(([key, title]): [string, string][] => {
      const text = splitItems(typeof item[key] === "string" ? (item[key] as string) : null).join(" \u00B7 ");
      return text === "" ? [] : [[t(lang, title), text]];
    });
    items.push({
      id: item.id, step: j.step[row], stage: j.stage[row],
      badge: lane ? priorityBadge(lane, values[row] ?? null, lang) : null, notes,
    });
  }
  return items;
}

export class PrioritiesPanel extends ListPanel {
  /** `pick(id)`: a person chose step `id` in the list. */
  constructor(pick: (id: number) => void, private readonly lang: Lang = "en") {
    super("priorities", {
      label: t(lang, "priorities.label"),
      title: t(lang, "priorities.title"),
      empty: t(lang, "priorities.empty"),
    }, (button) => pick(Number(button.dataset.key)));
    this.toggle.hidden = true; // until the map has a priority lane
  }

  /** Draw the persona's priorities; the toggle shows only when the map has a priority lane. */
  show(j: Journey, persona: string | null): void {
    this.toggle.hidden = j.priorities === null;
    if (j.priorities === null) this.setOpen(false);
    this.fill(persona === null ? t(this.lang, "priorities.heading") : t(this.lang, "priorities.heading_persona", { persona }),
      panelItems(j, persona, this.lang).map((item) => this.itemNode(item)));
  }

  private itemNode(item: PanelItem): HTMLLIElement {
    // Named by what it shows, notes included: a name other than its visible text would not
    // be the one a person using speech input says to press it.
    const button = el("button", { type: "button", class: "cjm-priority-item", "data-key": item.id, "data-id": item.id },
    item.badge ? badgeNode(item.badge) : el("span"),
    el("span", { class: "cjm-priority-step" }, item.step, " ", el("span", { class: "cjm-priority-stage" }, item.stage)),
    item.notes.length
      ? el("span", { class: "cjm-priority-notes" },
        ...item.notes.map(([title, text]) => el("span", { class: "cjm-priority-note" }, t(this.lang, "words.labelled", { title, text }))))
      : null);
    return el("li", {}, button);
  }
}
