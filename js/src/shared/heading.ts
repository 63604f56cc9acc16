// A widget's title and description (the `title` and `description` traits), shown above it
// when set; both are user text, so only ever text nodes.

import { el } from "./dom";
import type { WidgetModel } from "./model";

export class Heading {
  readonly el: HTMLElement;
  private readonly title: HTMLElement;
  private readonly description: HTMLElement;

  constructor(private readonly model: WidgetModel) {
    this.title = el("div", { class: "cjm-title", role: "heading", "aria-level": 2 });
    this.description = el("div", { class: "cjm-description" });
    // A div, not a header: inside a notebook's output a header would be a banner landmark
    // nested in the page's own (axe's landmark-banner-is-top-level).
    this.el = el("div", { class: "cjm-heading" }, this.title, this.description);
  }

  readonly update = (): void => {
    const text = (name: string) => {
      const value = this.model.get(name);
      return typeof value === "string" ? value.trim() : "";
    };
    this.title.textContent = text("title");
    this.description.textContent = text("description");
    this.title.hidden = this.title.textContent === "";
    this.description.hidden = this.description.textContent === "";
    this.el.hidden = this.title.hidden && this.description.hidden;
  };
}
