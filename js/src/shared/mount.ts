// What both anywidget entry points do: put a view in the output and tie model events to it
// for as long as the output lives.

import { answerImageRequest } from "./image_menu";
import type { WidgetModel } from "./model";
import { sendFrom } from "./outbox";
import { newViewId } from "./presence";

type Handler = (...args: unknown[]) => void;

/** The views shown now on this page, by id. */
const mounted = new Set<string>();

/** How often an open view tells Python it is still there. */
export const HEARTBEAT_MS = 20_000;

/**
 * Show `root` in `el`, listen to each model event, draw once; returns anywidget's cleanup,
 * which also calls `dispose` (what the view holds outside itself). `rebuild`: the view is
 * built again at once (a new language); if it keeps its id, Python is not told it closed.
 */
export function mount(
  model: WidgetModel,
  el: HTMLElement,
  root: HTMLElement,
  listeners: [string, Handler][],
  draw: () => void,
  dispose?: () => void,
): (rebuild?: boolean) => void {
  el.replaceChildren(root);
  // Python keeps the open views (m.save_image needs one) and asks them for images. A view
  // whose edits name it (its EditSession's id, on root's data-view) is known by that id.
  const view = root.dataset.view ?? newViewId();
  const image = (msg: unknown) => {
    // A request addressed to one view (asked again when it opened) is that view's alone.
    const to = typeof msg === "object" && msg !== null ? (msg as { view?: unknown }).view : undefined;
    if (to === undefined || to === view) void answerImageRequest(model, root, msg);
  };
  const all: [string, Handler][] = [...listeners, ["msg:custom", image]];
  for (const [event, handler] of all) model.on(event, handler);
  draw();
  mounted.add(view);
  sendFrom(model, view, { type: "view", open: true });
  // Said again while the view lives: a tab closed or reloaded says no goodbye, and Python
  // forgets a view it has not heard of for a minute (widgets/views.py).
  const alive = setInterval(() => {
    try {
      sendFrom(model, view, { type: "view", open: true });
    } catch {
      clearInterval(alive); // the widget is closed
    }
  }, HEARTBEAT_MS);
  return (rebuild = false) => {
    clearInterval(alive);
    for (const [event, handler] of all) model.off(event, handler);
    dispose?.();
    mounted.delete(view);
    const closed = () => {
      if (mounted.has(view)) return; // built again under the same id: still open
      try {
        sendFrom(model, view, { type: "view", open: false });
      } catch {
        // A closed widget has no comm left to tell.
      }
    };
    // Built again at once (a new language): Python is told only if the view did not come back.
    if (rebuild) queueMicrotask(closed);
    else closed();
  };
}
