// anywidget entry point for JourneyFlow: wires the model to a FlowView.

import { Heading } from "../shared/heading";
import { speaking } from "../shared/i18n";
import { mount } from "../shared/mount";
import type { WidgetModel } from "../shared/model";
import "./flow.css";
import { FlowView } from "./view";

function render({ model, el }: { model: WidgetModel; el: HTMLElement }): () => void {
  // Benchmarks time a first render from this mark to the next painted frame.
  performance.mark("cjm-flow:render");
  return speaking(model, () => {
    const view = new FlowView(model);
    const heading = new Heading(model);
    view.root.prepend(heading.el);
    return mount(model, el, view.root, [
      ["change:_flow", view.update],
      ["change:min_count", view.onMinCount],
      ["change:selected", view.onSelected],
      ["change:title", heading.update],
      ["change:description", heading.update],
    ], () => { heading.update(); view.update(); }, view.dispose);
  });
}

export default { render };
