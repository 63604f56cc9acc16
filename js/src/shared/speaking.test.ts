import { describe, expect, it } from "vitest";
import { speaking } from "./i18n";

describe("a view built again in another language takes over from the one before", () => {
  it("gets what the old view's cleanup hands over, and only on a rebuild", () => {
    const listeners = new Set<() => void>();
    const model = { on: (_e: string, f: () => void) => listeners.add(f), off: (_e: string, f: () => void) => listeners.delete(f) };
    const got: (string | undefined)[] = [];
    const told: (boolean | undefined)[] = [];
    let n = 0;
    const stop = speaking<string>(model, (carried) => {
      got.push(carried);
      const mine = `view ${++n}`;
      return (rebuild) => {
        told.push(rebuild);
        return rebuild ? `${mine}'s editor` : undefined;
      };
    });
    for (const f of [...listeners]) f();
    for (const f of [...listeners]) f();
    stop();
    expect(got).toEqual([undefined, "view 1's editor", "view 2's editor"]);
    expect(told).toEqual([true, true, false]); // the output closed: nothing to hand over
  });
});
