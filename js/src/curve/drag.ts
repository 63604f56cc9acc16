// Dragging a point: previews every move, sends at most one edit per interval, the last always.

import { Throttle } from "../shared/throttle";
import type { CurveOp } from "./wire";

/** At most one update per this many ms reaches the kernel while dragging (~20 a second). */
export const DRAG_INTERVAL = 50;
/** Pixels a press may wander and still be a click (a selection), not a drag. */
const CLICK_SLOP = 3;

/** What a drag needs from the view. */
export interface DragHost {
  /** A pointer's position in the plot's pixels. */
  local(e: PointerEvent | MouseEvent): [number, number];
  /** The scale value (snapped and clamped) at a height in the plot. */
  valueAt(y: number): number;
  /** Show a value before Python confirms it. */
  preview(line: number, id: number, value: number): void;
  send(op: CurveOp, gesture: string): void;
  /** The gesture is over: a click when nothing moved, else a drag (sent or not). */
  ended(drag: Drag): void;
}

export class Drag {
  moved = false;
  sent = false;
  private last: number | null = null;
  private readonly throttle: Throttle<number>;
  private readonly y0: number;

  constructor(
    private readonly host: DragHost,
    readonly line: number,
    readonly id: number,
    /** The point's value when pressed. */
    readonly start: number | null,
    readonly gesture: string,
    down: PointerEvent,
    target: Element,
  ) {
    // Each update replaces the one before it, the first the value pressed on: if someone
    // else moves the point meanwhile, the rest of the drag is refused, never written over it.
    let expected = start;
    this.throttle = new Throttle<number>(DRAG_INTERVAL, (value) => {
      this.sent = true;
      host.send({ kind: "set_emotion", id, value, expected }, gesture);
      expected = value;
    });
    this.y0 = host.local(down)[1];
    try {
      target.setPointerCapture(down.pointerId);
    } catch {
      // a synthetic event has no capturable pointer; the window listeners still see it
    }
    window.addEventListener("pointermove", this.move);
    window.addEventListener("pointerup", this.up);
    window.addEventListener("pointercancel", this.up);
  }

  private readonly move = (e: PointerEvent): void => {
    const [, y] = this.host.local(e);
    if (!this.moved && Math.abs(y - this.y0) <= CLICK_SLOP) return;
    this.moved = true;
    const value = this.host.valueAt(y);
    if (value === this.last) return;
    this.last = value;
    this.host.preview(this.line, this.id, value);
    // Back at the start before anything went: nothing to send (a drag that changes nothing).
    if (value !== this.start || this.sent) this.throttle.push(value);
  };

  private readonly up = (): void => {
    window.removeEventListener("pointermove", this.move);
    window.removeEventListener("pointerup", this.up);
    window.removeEventListener("pointercancel", this.up);
    if (this.moved) this.throttle.end();
    this.host.ended(this);
  };
}
