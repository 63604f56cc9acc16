// anywidget entry point for JourneyMap: wires the model to a MapView.

import { mount } from "../shared/mount";
import type { WidgetModel } from "../shared/model";
import "./map.css";
import { MapView } from "./view";

function render({ model, el }: { model: WidgetModel; el: HTMLElement }): () => void {
  // Benchmarks time a first render from this mark to the next painted frame.
  performance.mark("cjm-map:render");
  const view = new MapView(model);
  return mount(model, el, view.root, [
    ["change:_journey", view.onJourney],
    ["change:active_persona", view.onJourney],
    ["change:_selected_ids", view.onSelection],
    ["msg:custom", view.onMessage],
  ], () => view.onJourney());
}

export default { render };
