// What a view sends Python, numbered in the order the view sends it.
//
// A kernel may run a widget's messages out of the order they came (ipykernel runs a comm
// message at once while a cell holds the shell, ahead of others queued just before), so each
// message of a view carries `seq`, 1, 2, ... per view id, and Python handles a view's
// messages in that order (cjm_widgets/widgets/inbox.py). A view built again under the same id
// (in another language) goes on numbering where the one before it stopped.

import type { WidgetModel } from "./model";

/** Numbers that go on per view id in this page: a view built again under its id (in another
 * language) goes on from where the one before it stopped. */
export class PerView {
  private readonly last = new Map<string, number>();

  /** The number `view` used last (0: none yet). */
  current(view: string): number {
    return this.last.get(view) ?? 0;
  }

  /** The next number of `view`. */
  next(view: string): number {
    const n = this.current(view) + 1;
    this.last.set(view, n);
    return n;
  }
}

const seqs = new PerView();

/** Send a view's message to Python, named as that view's and numbered (see above). */
export function sendFrom(model: Pick<WidgetModel, "send">, view: string, msg: Record<string, unknown>): void {
  model.send({ ...msg, view, seq: seqs.next(view) });
}
