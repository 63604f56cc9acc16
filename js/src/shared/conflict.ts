// How a conflict's choices look in every view (the map's cell editor, the curve's point): a
// title, the values, then a button per choice, Escape for the way back. Each view says what
// the values and choices are; the look is one.

import { el } from "./dom";

export interface Choice {
  /** The button's class is `cjm-conflict-<name>`. */
  name: string;
  label: string;
  title: string;
  act(): void;
}

export interface ChoicesSpec {
  title: string;
  /** What the box shows between its title and its buttons. */
  values: HTMLElement[];
  choices: Choice[];
  escape(): void;
  /** A press on a button leaves the focus where it is (a cell editor must not blur and send). */
  keepFocus?: boolean;
}

/** The box: its title, values and buttons in a column (Tab reaches them); Escape calls `escape`. */
export function choicesBox(spec: ChoicesSpec): HTMLDivElement {
  const buttons = spec.choices.map((c) => {
    const b = el("button", {
      type: "button", class: `cjm-conflict-${c.name}`, title: c.title,
      style: "font: inherit; padding: 1px 4px; text-align: left",
    }, c.label);
    if (spec.keepFocus) b.addEventListener("mousedown", (e) => e.preventDefault());
    b.addEventListener("click", () => c.act());
    return b;
  });
  const box = el("div", {
    class: "cjm-conflict", role: "group", "aria-label": spec.title,
    style: "display: flex; flex-direction: column; gap: 2px; margin-top: 4px; padding: 4px; font-size: 0.85em;"
      + " border: 2px solid #d9480f; border-radius: 3px; white-space: normal;"
      + " background: var(--jp-layout-color1, #fff); color: var(--jp-ui-font-color1, #111)",
  }, el("span", { class: "cjm-conflict-title" }, spec.title), ...spec.values, ...buttons);
  box.addEventListener("keydown", (e) => {
    e.stopPropagation(); // the view's own keys are not for these buttons
    if (e.key === "Escape") {
      e.preventDefault();
      spec.escape();
    }
  });
  return box;
}
