// anywidget entry point for EmotionCurve: wires the model to a CurveView.

import { Heading } from "../shared/heading";
import { speaking } from "../shared/i18n";
import { mount } from "../shared/mount";
import type { WidgetModel } from "../shared/model";
import "./curve.css";
import { CurveView } from "./view";

function render({ model, el }: { model: WidgetModel; el: HTMLElement }): () => void {
  // Benchmarks time a first render from this mark to the next painted frame. A new language
  // builds the view again, in its words.
  performance.mark("cjm-curve:render");
  return speaking(model, () => {
    const view = new CurveView(model);
    const heading = new Heading(model);
    view.root.prepend(heading.el);
    return mount(model, el, view.root, [
      ["change:_curve", view.onCurve],
      ["change:_emotion", view.onCurve],
      ["change:line", view.onLine],
      ["change:_selected_ids", view.onSelection],
      ["msg:custom", view.onMessage],
      ["change:title", heading.update],
      ["change:description", heading.update],
    ], () => { heading.update(); view.update(); }, view.dispose);
  });
}

export default { render };
