// The renderer of pages and static outputs: each `<script type="application/vnd.cjm-widget+json">`
// holds a widget's saved state; it is drawn by the live widget's own views over a StaticModel,
// read-only, in place of the escaped table (the floor) that shows where scripts do not run.
// Widgets of one table (linked in the notebook) share their selection on the page too.

import mapWidget from "../map/index";
import curveWidget from "../curve/index";
import flowWidget from "../flow/index";
import { pageLang, t } from "../shared/i18n";
import { linkModels, StaticModel } from "../shared/static_model";

export const STATE_TYPE = "application/vnd.cjm-widget+json";

interface SavedWidget {
  kind: "map" | "curve" | "flow";
  state: Record<string, unknown>;
  /** Widgets with the same group show one table. */
  group?: string | null;
}

const RENDER = new Map([["map", mapWidget.render], ["curve", curveWidget.render], ["flow", flowWidget.render]]);

function parse(script: HTMLScriptElement): SavedWidget | null {
  try {
    const saved = JSON.parse(script.textContent ?? "") as SavedWidget;
    return RENDER.has(saved?.kind) && typeof saved.state === "object" && saved.state !== null ? saved : null;
  } catch {
    return null;
  }
}

/** Draw every saved widget under `root` not drawn yet; returns how many were drawn. */
export function boot(root: ParentNode = document): number {
  const groups = new Map<string, StaticModel[]>();
  let drawn = 0;
  for (const script of root.querySelectorAll<HTMLScriptElement>(`script[type="${STATE_TYPE}"]`)) {
    const host = script.parentElement;
    const saved = parse(script);
    if (!host || !saved || script.dataset.cjmDrawn === "true") continue;
    script.dataset.cjmDrawn = "true";
    // In a notebook's page the output's container styles any table in it as a data table
    // (right-aligned, striped, borderless): the widget's own look comes back without it.
    const output = host.parentElement?.closest(".jp-RenderedHTMLCommon");
    if (output && output.childElementCount === 1) output.classList.remove("jp-RenderedHTMLCommon");
    const model = new StaticModel({ ...saved.state, _read_only: true });
    const target = document.createElement("div");
    target.className = "cjm-static-view";
    host.append(target);
    try {
      RENDER.get(saved.kind)!({ model, el: target });
    } catch (error) {
      // One widget that cannot be drawn leaves the others drawn, and says so.
      const l = pageLang();
      target.textContent = t(l, "page.not_drawn", { kind: t(l, saved.kind === "map" ? "map.name" : "curve.name"), error: String(error) });
      target.setAttribute("role", "alert");
      continue;
    }
    for (const floor of host.querySelectorAll<HTMLElement>(":scope > .cjm-floor")) floor.hidden = true;
    if (typeof saved.group === "string") {
      const group = groups.get(saved.group) ?? [];
      group.push(model);
      groups.set(saved.group, group);
    }
    drawn++;
  }
  for (const models of groups.values()) if (models.length > 1) linkModels(models, ["_selected_ids"]);
  return drawn;
}

declare global {
  interface Window { cjmWidgets?: { boot: typeof boot } }
}

window.cjmWidgets = { boot };
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => boot());
else boot();
