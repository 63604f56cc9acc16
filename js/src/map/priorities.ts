// The priorities panel: the steps to act on first for the persona shown, each a button that
// selects its step on the map. Python ranks them (encode_priorities, as m.priorities() does);
// the badge, stage and step come from the rest of the journey.

import { el } from "../shared/dom";
import type { Journey, PriorityItem } from "../shared/wire";
import { splitItems } from "./format";
import { badgeNode, priorityBadge, type Badge } from "./lanes/priority";

export interface PanelItem {
  id: number;
  step: string;
  stage: string;
  badge: Badge | null;
  /** Pain, opportunity and owner, as [title, text], for those the step has. */
  notes: [string, string][];
}

const NOTES: [keyof PriorityItem & string, string][] = [
  ["pain", "Pain"],
  ["opportunity", "Opportunity"],
  ["owner", "Owner"],
];

/** The panel's items for a persona (null: the map has none), in Python's order. */
export function panelItems(j: Journey, persona: string | null): PanelItem[] {
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
      return text === "" ? [] : [[title, text]];
    });
    items.push({
      id: item.id, step: j.step[row], stage: j.stage[row],
      badge: lane ? priorityBadge(lane, values[row] ?? null) : null, notes,
    });
  }
  return items;
}

/** Where an arrow, Home or End key moves the focus among `count` items; null for other keys. */
export function panelMove(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case "ArrowDown":
      return Math.min(count - 1, index + 1);
    case "ArrowUp":
      return Math.max(0, index - 1);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}

let panels = 0;

export class PrioritiesPanel {
  /** The toolbar's toggle; hidden while the map has no priority lane. */
  readonly toggle: HTMLButtonElement;
  /** The panel, shown below the toolbar while open. */
  readonly box: HTMLElement;
  private readonly heading: HTMLDivElement;
  private readonly list: HTMLOListElement;
  private readonly empty: HTMLParagraphElement;
  private readonly id = `cjm-priorities-${++panels}`;

  /** `pick(id)`: a person chose step `id` in the list. */
  constructor(private readonly pick: (id: number) => void) {
    this.toggle = el("button", {
      type: "button", class: "cjm-button", "data-action": "priorities", "aria-expanded": "false",
      "aria-controls": this.id, title: "The steps to act on first", hidden: true,
    }, "Priorities");
    this.heading = el("div", { class: "cjm-priorities-head", id: `${this.id}-head` });
    this.list = el("ol", { class: "cjm-priorities-list", "aria-labelledby": `${this.id}-head` });
    this.empty = el("p", { class: "cjm-priorities-empty" }, "No step of this persona has a priority yet.");
    this.box = el("section", { class: "cjm-priorities", id: this.id, "aria-labelledby": `${this.id}-head`, hidden: true },
      this.heading, this.list, this.empty);
    this.toggle.addEventListener("click", () => this.setOpen(!this.isOpen));
    this.toggle.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && this.isOpen) this.close(e);
    });
    this.box.addEventListener("keydown", (e) => this.onKey(e));
    this.list.addEventListener("click", (e) => {
      const button = e.target instanceof Element ? e.target.closest<HTMLElement>("button[data-id]") : null;
      if (button) this.pick(Number(button.dataset.id));
    });
  }

  get isOpen(): boolean {
    return !this.box.hidden;
  }

  setOpen(open: boolean): void {
    this.box.hidden = !open;
    this.toggle.setAttribute("aria-expanded", String(open));
  }

  /** Draw the persona's priorities; the toggle shows only when the map has a priority lane. */
  show(j: Journey, persona: string | null): void {
    this.toggle.hidden = j.priorities === null;
    if (j.priorities === null) this.setOpen(false);
    const focused = this.box.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.id : undefined;
    const items = panelItems(j, persona);
    this.heading.textContent = persona === null ? "Top priorities" : `Top priorities for ${persona}`;
    this.list.replaceChildren(...items.map((item, k) => this.itemNode(item, k)));
    this.list.hidden = items.length === 0;
    this.empty.hidden = items.length > 0;
    if (focused !== undefined) this.buttons().find((b) => b.dataset.id === focused)?.focus();
  }

  private itemNode(item: PanelItem, k: number): HTMLLIElement {
    const notesId = `${this.id}-notes-${k}`;
    const name = [item.badge?.text, item.step, `(${item.stage})`].filter(Boolean).join(" ");
    const button = el("button", {
      type: "button", class: "cjm-priority-item", "data-id": item.id, "aria-label": name,
      "aria-describedby": item.notes.length ? notesId : null,
    },
    item.badge ? badgeNode(item.badge) : el("span"),
    el("span", { class: "cjm-priority-step" }, item.step, el("span", { class: "cjm-priority-stage" }, item.stage)),
    item.notes.length
      ? el("span", { class: "cjm-priority-notes", id: notesId },
        ...item.notes.map(([title, text]) => el("span", { class: "cjm-priority-note" }, `${title}: ${text}`)))
      : null);
    return el("li", {}, button);
  }

  private buttons(): HTMLButtonElement[] {
    return Array.from(this.list.querySelectorAll<HTMLButtonElement>("button[data-id]"));
  }

  private close(e: KeyboardEvent): void {
    e.preventDefault();
    this.setOpen(false);
    this.toggle.focus();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === "Escape") {
      this.close(e);
      return;
    }
    const buttons = this.buttons();
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = at < 0 ? null : panelMove(e.key, at, buttons.length);
    if (next !== null) {
      e.preventDefault();
      buttons[next].focus();
    }
  }
}
