// What both anywidget entry points do: put a view in the output and tie model events to it
// for as long as the output lives.

import type { WidgetModel } from "./model";

type Handler = (...args: unknown[]) => void;

/** Show `root` in `el`, listen to each model event, draw once; returns anywidget's cleanup. */
export function mount(
  model: WidgetModel,
  el: HTMLElement,
  root: HTMLElement,
  listeners: [string, Handler][],
  draw: () => void,
): () => void {
  el.replaceChildren(root);
  for (const [event, handler] of listeners) model.on(event, handler);
  draw();
  return () => {
    for (const [event, handler] of listeners) model.off(event, handler);
  };
}
