// anywidget entry point for EmotionCurve: wires the model to a CurveView.

import type { WidgetModel } from "../shared/model";
import "./curve.css";
import { CurveView } from "./view";

function render({ model, el }: { model: WidgetModel; el: HTMLElement }): () => void {
  // Benchmarks time a first render from this mark to the next painted frame.
  performance.mark("cjm-curve:render");
  const view = new CurveView(model);
  el.replaceChildren(view.root);
  model.on("change:_curve", view.onCurve);
  model.on("change:_emotion", view.onCurve);
  model.on("change:line", view.onLine);
  model.on("change:_selected_ids", view.onSelection);
  model.on("msg:custom", view.onMessage);
  view.update();
  return () => {
    model.off("change:_curve", view.onCurve);
    model.off("change:_emotion", view.onCurve);
    model.off("change:line", view.onLine);
    model.off("change:_selected_ids", view.onSelection);
    model.off("msg:custom", view.onMessage);
  };
}

export default { render };
