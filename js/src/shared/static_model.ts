// A widget model with no kernel behind it, for pages written by `to_html` and the static
// outputs of notebooks: the same views draw from a saved state. What a view sets (persona,
// selection, line shown) stays in the page; an edit sent to Python is answered as refused,
// so a view that lets one through redraws the saved state and says why.

import type { WidgetModel } from "./model";

type Handler = (...args: unknown[]) => void;

export const READ_ONLY_MESSAGE = "This page is read-only: edit the map in its notebook.";

export class StaticModel implements WidgetModel {
  private readonly state: Map<string, unknown>;
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(state: Record<string, unknown>) {
    this.state = new Map(Object.entries(state));
  }

  get(name: string): unknown {
    return this.state.get(name);
  }

  set(name: string, value: unknown): void {
    if (Object.is(this.state.get(name), value)) return;
    this.state.set(name, value);
    this.emit(`change:${name}`, value);
  }

  save_changes(): void {}

  send(content: unknown): void {
    if (typeof content !== "object" || content === null) return;
    const { type, request } = content as { type?: unknown; request?: unknown };
    if (type !== "edit" && type !== "undo" && type !== "redo") return;
    // Answered after the sender's own bookkeeping, as a kernel's answer would be.
    queueMicrotask(() => this.emit("msg:custom", {
      type: "edit_result", request: typeof request === "number" ? request : null, ok: false,
      message: READ_ONLY_MESSAGE, code: "page.read_only", // the view says it in its language
    }));
  }

  on(event: string, callback: Handler): void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(callback);
  }

  off(event: string, callback: Handler): void {
    this.handlers.get(event)?.delete(callback);
  }

  private emit(event: string, ...args: unknown[]): void {
    for (const handler of [...(this.handlers.get(event) ?? [])]) handler(...args);
  }
}

/** Models that show one table: a selection or persona set in one is set in the others. */
export function linkModels(models: StaticModel[], names = ["_selected_ids", "active_persona"]): void {
  for (const name of names) {
    for (const model of models) {
      model.on(`change:${name}`, (value: unknown) => {
        for (const other of models) if (other !== model && other.get(name) !== undefined) other.set(name, value);
      });
    }
  }
}
