import { describe, expect, it } from "vitest";
import { alignTracks, type AlignedColumn, type TrackStep } from "./align";

let next = 1;
function track(stage: string, ...keys: string[]): TrackStep[] {
  return keys.map((key) => ({ id: next++, key, stage }));
}

/** The columns as key grids: per column, the key each track holds there (or "-"). */
function grid(cols: AlignedColumn[], tracks: TrackStep[][]): string[] {
  const keyOf = new Map<number, string>();
  for (const tr of tracks) for (const s of tr) keyOf.set(s.id, s.key);
  return cols.map((c) => c.ids.map((id) => (id === null ? "-" : keyOf.get(id))).join("|"));
}

describe("alignTracks", () => {
  it("puts shared steps in one column and a track's own step as a gap in the others", () => {
    const a = track("Look", "see", "compare", "ask");
    const b = track("Look", "see", "read", "ask");
    const cols = alignTracks(["Look"], [a, b]);
    expect(grid(cols, [a, b])).toEqual(["see|see", "compare|-", "-|read", "ask|ask"]);
    expect(cols[0].ids).toEqual([a[0].id, b[0].id]);
    expect(cols.every((c) => c.stage === "Look")).toBe(true);
  });

  it("orders stages as given, then others in first-seen order, skipping empty stages", () => {
    const a = [...track("Buy", "pay"), ...track("Odd", "x")];
    const b = [...track("Look", "see"), ...track("Else", "y"), ...track("Buy", "pay")];
    const cols = alignTracks(["Look", "Empty", "Buy"], [a, b]);
    expect(cols.map((c) => c.stage)).toEqual(["Look", "Buy", "Odd", "Else"]);
    expect(grid(cols, [a, b])).toEqual(["-|see", "pay|pay", "x|-", "-|y"]);
  });

  it("keeps the order of every track and leaves no column without an id", () => {
    const a = track("S", "a", "b", "c", "d", "e");
    const b = track("S", "e", "b", "x", "d", "a");
    const c = track("S", "b", "d", "y");
    const cols = alignTracks(["S"], [a, b, c]);
    for (const [t, tr] of [a, b, c].entries()) {
      const order = cols.map((col) => col.ids[t]).filter((id): id is number => id !== null);
      expect(order).toEqual(tr.map((s) => s.id));
    }
    expect(cols.every((col) => col.ids.some((id) => id !== null))).toBe(true);
    // b and d are common to all three: the longest common run.
    expect(grid(cols, [a, b, c]).filter((g) => !g.includes("-"))).toEqual(["b|b|b", "d|d|d"]);
  });

  it("puts the merged sequence's step first at a tie", () => {
    const a = track("S", "start", "old", "end");
    const b = track("S", "start", "new", "end");
    expect(grid(alignTracks(["S"], [a, b]), [a, b])).toEqual(["start|start", "old|-", "-|new", "end|end"]);
  });

  it("treats duplicate keys in one track as distinct occurrences", () => {
    const a = track("S", "call", "wait", "call");
    const b = track("S", "call", "call");
    const cols = alignTracks(["S"], [a, b]);
    expect(grid(cols, [a, b])).toEqual(["call|call", "wait|-", "call|call"]);
    expect(new Set(cols.flatMap((c) => c.ids).filter((id) => id !== null)).size).toBe(5);
  });

  it("matches a third track against the merged columns, a gap for the tracks before", () => {
    const a = track("S", "p", "q");
    const b = track("S", "p", "r");
    const c = track("S", "r", "q");
    const cols = alignTracks(["S"], [a, b, c]);
    // r and q cross: one of them is matched (the later, r, keeps the merged q first).
    expect(grid(cols, [a, b, c])).toEqual(["p|p|-", "q|-|-", "-|r|r", "-|-|q"]);
    // Every id appears exactly once.
    const all = cols.flatMap((col) => col.ids).filter((id) => id !== null);
    expect(all.sort()).toEqual([...a, ...b, ...c].map((s) => s.id).sort());
  });

  it("is stable: equal input gives equal output, and one track gives its own steps", () => {
    const a = track("S", "x", "y", "x");
    const b = track("S", "y", "x");
    expect(alignTracks(["S"], [a, b])).toEqual(alignTracks(["S"], [a, b]));
    expect(alignTracks(["S"], [a])).toEqual(a.map((s) => ({ stage: "S", key: s.key, ids: [s.id] })));
    expect(alignTracks(["S"], [])).toEqual([]);
  });
});
