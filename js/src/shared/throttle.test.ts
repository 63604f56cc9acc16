import { describe, expect, it } from "vitest";
import { Throttle, type Clock } from "./throttle";

function fakeClock() {
  let now = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  const clock: Clock = {
    now: () => now,
    later: (fn, ms) => {
      const id = ++ids;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    cancel: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > end) break;
      timers.shift();
      now = next.at;
      next.fn();
    }
    now = end;
  };
  return { clock, advance };
}

describe("Throttle", () => {
  it("sends at most one value per interval during a drag, and always the last", () => {
    const { clock, advance } = fakeClock();
    const sent: [number, number][] = [];
    const t = new Throttle<number>(50, (v) => sent.push([clock.now(), v]), clock);
    // A pointer moving every 8 ms for one second: 125 moves.
    for (let i = 0; i < 125; i++) {
      t.push(i);
      advance(8);
    }
    t.push(999);
    t.end();
    const gaps = sent.slice(1).map(([at], i) => at - sent[i][0]);
    expect(Math.min(...gaps.slice(0, -1))).toBeGreaterThanOrEqual(50);
    expect(sent.length).toBeLessThanOrEqual(23);
    expect(sent.length).toBeGreaterThanOrEqual(18);
    expect(sent[sent.length - 1][1]).toBe(999);
  });

  it("does not send a value twice, and sends the trailing one after a pause", () => {
    const { clock, advance } = fakeClock();
    const sent: number[] = [];
    const t = new Throttle<number>(50, (v) => sent.push(v), clock);
    t.push(1);
    t.push(2);
    t.push(3);
    expect(sent).toEqual([1]);
    advance(60);
    expect(sent).toEqual([1, 3]);
    t.end();
    expect(sent).toEqual([1, 3]);
    t.push(3); // a new gesture may send the same value again
    t.end();
    expect(sent).toEqual([1, 3, 3]);
  });
});
