// anywidget entry point for JourneyMap: wires the model to a MapView.

import type { WidgetModel } from "../shared/model";
import "./map.css";
import { MapView } from "./view";

function render({ model, el }: { model: WidgetModel; el: HTMLElement }): () => void {
  // Benchmarks time a first render from this mark to the next painted frame.
  performance.mark("cjm-map:render");
  const view = new MapView(model);
  el.replaceChildren(view.root);
  model.on("change:_journey", view.onJourney);
  model.on("change:active_persona", view.onJourney);
  model.on("change:_selected_ids", view.onSelection);
  model.on("msg:custom", view.onMessage);
  view.onJourney();
  return () => {
    model.off("change:_journey", view.onJourney);
    model.off("change:active_persona", view.onJourney);
    model.off("change:_selected_ids", view.onSelection);
    model.off("msg:custom", view.onMessage);
  };
}

export default { render };
