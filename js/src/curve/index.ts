// anywidget entry point for EmotionCurve: wires the model to a CurveView.

import { Heading } from "../shared/heading";
import { speaking } from "../shared/i18n";
import { mount } from "../shared/mount";
import type { WidgetModel } from "../shared/model";
import "./curve.css";
import { CurveView, type Carried } from "./view";

function render({ model, el }: { model: WidgetModel; el: HTMLElement }): () => void {
  // Benchmarks time a first render from this mark to the next painted frame. A new language
  // builds the view again, in its words.
  performance.mark("cjm-curve:render");
  return speaking<Carried>(model, (carried) => {
    // A new language: the same view (its id, and so its undo), in its words (see CurveView.carry).
    const view = new CurveView(model, carried);
    const heading = new Heading(model);
    view.root.prepend(heading.el);
    const stop = mount(model, el, view.root, [
      ["change:_curve", view.onCurve],
      ["change:_emotion", view.onCurve],
      ["change:line", view.onLine],
      ["change:_selected_ids", view.onSelection],
      ["msg:custom", view.onMessage],
      ["change:title", heading.update],
      ["change:description", heading.update],
    ], () => { heading.update(); view.update(); }, view.dispose);
    view.restore();
    return (rebuild?: boolean) => {
      const next = rebuild ? view.carry() : undefined;
      stop(rebuild);
      return next;
    };
  });
}

export default { render };
