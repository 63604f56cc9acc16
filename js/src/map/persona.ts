// The toolbar's persona picker: one map per persona, switched here.

import { el } from "../shared/dom";
import { t, type Lang } from "../shared/i18n";

export class PersonaPicker {
  readonly box: HTMLLabelElement;
  private readonly select: HTMLSelectElement;

  constructor(onPick: (persona: string) => void, lang: Lang = "en") {
    this.select = el("select", { class: "cjm-persona-select", "aria-label": t(lang, "lane.persona") });
    this.box = el("label", { class: "cjm-persona" }, `${t(lang, "lane.persona")} `, this.select);
    this.select.addEventListener("change", () => onPick(this.select.value));
  }

  /** Show the journey's personas (rebuilt only when they change) with `active` picked. */
  show(personas: string[], active: string | null): void {
    this.box.hidden = personas.length === 0;
    const current = Array.from(this.select.options).map((o) => o.value);
    if (current.join("\u0000") !== personas.join("\u0000")) {
      this.select.replaceChildren(...personas.map((p) => el("option", { value: p }, p)));
    }
    if (active !== null) this.select.value = active;
  }
}
