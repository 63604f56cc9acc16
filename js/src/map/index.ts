// anywidget entry point for JourneyMap: wires the model to a MapView.

import { Heading } from "../shared/heading";
import { speaking } from "../shared/i18n";
import { mount } from "../shared/mount";
import type { WidgetModel } from "../shared/model";
import "./map.css";
import { MapView, type Carried } from "./view";

function render({ model, el }: { model: WidgetModel; el: HTMLElement }): () => void {
  // Benchmarks time a first render from this mark to the next painted frame. A new language
  // builds the view again, in its words.
  performance.mark("cjm-map:render");
  return speaking<Carried>(model, (carried) => {
    // A new language: the same view, in its words, with what it had open (see MapView.carry).
    const view = new MapView(model, carried);
    const heading = new Heading(model);
    view.root.prepend(heading.el);
    const stop = mount(model, el, view.root, [
      ["change:_journey", view.onJourney],
      ["change:active_persona", view.onJourney],
      ["change:_selected_ids", view.onSelection],
      ["msg:custom", view.onMessage],
      ["change:_checks", view.onChecks],
      ["change:title", heading.update],
      ["change:description", heading.update],
    ], () => { heading.update(); view.onJourney(); }, view.dispose);
    view.restore();
    return (rebuild?: boolean) => {
      const next = rebuild ? view.carry() : undefined;
      stop(rebuild);
      return next;
    };
  });
}

export default { render };
