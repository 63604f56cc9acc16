// A panel of the map's toolbar: a toggle button and, below the toolbar while open, a heading
// and a list of items, each a button that acts on a step (the priorities, the checklist).
// The list is one Tab stop (its items have a roving tabindex): arrows, Home and End move
// among the items; Escape, or the toggle, closes the panel and the map takes the keyboard back.

import { el } from "../shared/dom";

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

const counts = new Map<string, number>();

export interface PanelWords {
  /** The toggle's text and its title. */
  label: string;
  title: string;
  /** Said when the list is empty. */
  empty: string;
}

export class ListPanel {
  /** The toolbar's toggle. */
  readonly toggle: HTMLButtonElement;
  /** The panel, shown below the toolbar while open. */
  readonly box: HTMLElement;
  protected readonly heading: HTMLDivElement;
  protected readonly list: HTMLOListElement;
  protected readonly empty: HTMLParagraphElement;
  protected readonly id: string;

  /** Called when a person closes the panel (Escape, the toggle): where the keyboard goes next. */
  closed: () => void = () => this.toggle.focus();

  /** `name`: the toggle's data-action and the panel's class; `pick(button)`: an item chosen. */
  constructor(name: string, words: PanelWords, pick: (button: HTMLElement) => void) {
    const n = (counts.get(name) ?? 0) + 1;
    counts.set(name, n);
    this.id = `cjm-${name}-${n}`;
    this.toggle = el("button", {
      type: "button", class: "cjm-button", "data-action": name, "aria-expanded": "false",
      "aria-controls": this.id, title: words.title,
    }, words.label);
    this.heading = el("div", { class: `cjm-${name}-head cjm-panel-head`, id: `${this.id}-head` });
    this.list = el("ol", { class: `cjm-${name}-list cjm-panel-list`, "aria-labelledby": `${this.id}-head` });
    this.empty = el("p", { class: `cjm-${name}-empty cjm-panel-empty` }, words.empty);
    this.box = el("section", {
      class: `cjm-${name} cjm-panel`, id: this.id, "aria-labelledby": `${this.id}-head`, hidden: true, tabindex: -1,
    }, this.heading, this.list, this.empty);
    this.toggle.addEventListener("click", () => {
      this.setOpen(!this.isOpen);
      if (!this.isOpen) this.closed();
    });
    this.toggle.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && this.isOpen) this.close(e);
    });
    this.box.addEventListener("keydown", (e) => this.onKey(e));
    this.list.addEventListener("click", (e) => {
      const button = e.target instanceof Element ? e.target.closest<HTMLElement>("button[data-key]") : null;
      if (button) pick(button);
    });
  }

  get isOpen(): boolean {
    return !this.box.hidden;
  }

  setOpen(open: boolean): void {
    this.box.hidden = !open;
    this.toggle.setAttribute("aria-expanded", String(open));
  }

  /** Show a heading and items; the item focused before (same data-key) keeps the focus. */
  protected fill(heading: string, items: HTMLLIElement[]): void {
    const active = document.activeElement;
    const focused = active instanceof HTMLElement && this.box.contains(active) ? active.dataset.key : undefined;
    this.heading.textContent = heading;
    this.list.replaceChildren(...items);
    this.list.hidden = items.length === 0;
    this.empty.hidden = items.length > 0;
    const buttons = this.buttons();
    const keep = focused === undefined ? undefined : buttons.find((b) => b.dataset.key === focused);
    this.rove(buttons, keep ?? buttons[0]);
    // Focused on an item, or on the panel while it waited for its items: onto the list.
    if (keep) keep.focus();
    else if (active === this.box) this.focusList();
  }

  /** Put the keyboard in the panel: on its current item, or on the panel when it has none. */
  focusList(): void {
    const current = this.buttons().find((b) => b.tabIndex === 0);
    (current ?? this.box).focus();
  }

  private buttons(): HTMLButtonElement[] {
    return Array.from(this.list.querySelectorAll<HTMLButtonElement>("button[data-key]"));
  }

  /** Only `current` is a Tab stop among the items. */
  private rove(buttons: HTMLButtonElement[], current: HTMLButtonElement | undefined): void {
    for (const b of buttons) b.tabIndex = b === current ? 0 : -1;
  }

  private close(e: KeyboardEvent): void {
    e.preventDefault();
    this.setOpen(false);
    this.closed();
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
      this.rove(buttons, buttons[next]);
      buttons[next].focus();
    }
  }
}
