import { describe, expect, it } from "vitest";
import { decodeJourney, type Journey, type LaneSpec } from "../shared/wire";
import {
  canComparePersonas, cellDiff, compareLayout, deltaText, markWord, placeOf, rowPlace, selectedBy, trackCell,
  trackLabel, trackLayout, trackPersona, visualRow, type CompareLayout,
} from "./compare";
import { bridge } from "./compare_grid";
import { compareTable } from "./compare_table";

function journey(partial: Record<string, unknown>): Journey {
  return decodeJourney(partial);
}

// Ana: See ad, Compare | Pay. Bo: See ad, Read reviews | Pay, Track parcel (Use).
const personas = journey({
  ids: [10, 11, 12, 20, 21, 22, 23],
  persona: ["Ana", "Ana", "Ana", "Bo", "Bo", "Bo", "Bo"],
  personas: ["Ana", "Bo"],
  stage: ["Look", "Look", "Buy", "Look", "Look", "Buy", "Use"],
  step: ["See ad", "Compare", "Pay", "See ad", "Read reviews", "Pay", "Track parcel"],
  stages: ["Look", "Buy", "Use"],
  lanes: [{ key: "pain", label: "Pain", kind: "text", dtype: "text" }],
  cells: [["", "tabs", "", "", "", "card refused", ""]],
});

/** Each column as "stage: step | what each track holds (its id or -)". */
function cells(layout: CompareLayout): string[] {
  return layout.columns.map((c, col) => `${c.stage}: ${c.step} | ` + layout.tracks.map((_, k) => {
    const at = trackCell(layout, k, col);
    return at.type === "gap" ? "-" : String(at.id);
  }).join(" "));
}

describe("compareLayout for personas", () => {
  it("orders each persona's stage as its own map does: main path first, then its paths", () => {
    // Bo's table puts the main-path "Negotiate" after his two paths' steps.
    const branched = journey({
      ids: [10, 11, 20, 21, 22],
      persona: ["Ana", "Ana", "Bo", "Bo", "Bo"],
      personas: ["Ana", "Bo"],
      stage: ["Buy", "Buy", "Buy", "Buy", "Buy"],
      step: ["Negotiate", "Pay online", "Pay online", "Pay at till", "Negotiate"],
      stages: ["Buy"],
      branch: [null, "Online", "Online", "Store", null],
      lanes: [{ key: "pain", label: "Pain", kind: "text", dtype: "text" }],
      cells: [["", "", "", "", ""]],
    });
    expect(cells(compareLayout(branched, "Ana", true)!)).toEqual([
      "Buy: Negotiate | 10 22",
      "Buy: Pay online | 11 20",
      "Buy: Pay at till | - 21",
    ]);
  });

  it("is the one-persona map when compare is off, or with fewer than two personas", () => {
    expect(compareLayout(personas, "Ana", false)).toBeNull();
    const one = journey({ ...personas, personas: ["Ana"] });
    expect(canComparePersonas(one)).toBe(false);
    expect(compareLayout(one, "Ana", true)).toBeNull();
    expect(canComparePersonas(journey({ ...personas, persona: null }))).toBe(false);
  });

  it("puts shared steps in one column and a persona's own step as a gap in the others' sub-row", () => {
    const layout = compareLayout(personas, "Ana", true)!;
    expect(layout.kind).toBe("persona");
    expect(layout.tracks).toEqual(["Ana", "Bo"]);
    expect(cells(layout)).toEqual([
      "Look: See ad | 10 20",
      "Look: Compare | 11 -",
      "Look: Read reviews | - 21",
      "Buy: Pay | 12 22",
      "Use: Track parcel | - 23",
    ]);
    expect(layout.stages).toEqual([
      { name: "Look", start: 0, count: 3 }, { name: "Buy", start: 3, count: 1 }, { name: "Use", start: 4, count: 1 },
    ]);
    // The frame row of each track's step, for the lanes to draw from.
    expect(layout.rows[2]).toEqual([-1, 4]);
    expect(trackCell(layout, 0, 2)).toEqual({ type: "gap", track: "Ana" });
    expect(layout.marks.every((m) => m.length === 0)).toBe(true);
  });

  it("numbers the visual rows lane by lane, one per track", () => {
    expect([1, 2, 3, 4].map((r) => rowPlace(r, 2))).toEqual([
      { lane: 0, track: 0 }, { lane: 0, track: 1 }, { lane: 1, track: 0 }, { lane: 1, track: 1 },
    ]);
    expect(visualRow(1, 1, 2)).toBe(4);
    expect(visualRow(2, 0, 3)).toBe(7);
    expect(rowPlace(visualRow(2, 0, 3), 3)).toEqual({ lane: 2, track: 0 });
  });

  it("finds a step's column and track, selects by cell or column, and sends the track's persona", () => {
    const layout = compareLayout(personas, "Ana", true)!;
    expect(placeOf(layout, 22)).toEqual({ col: 3, track: 1 });
    expect(placeOf(layout, 99)).toBeNull();
    expect(selectedBy(layout, 3, null)).toEqual([12, 22]);
    expect(selectedBy(layout, 3, 1)).toEqual([22]);
    expect(selectedBy(layout, 1, 1)).toEqual([]); // a gap selects nothing
    expect(trackPersona(layout, 1, "Ana")).toBe("Bo");
  });

  it("gives a track's own layout for the toolbar's step actions", () => {
    const layout = compareLayout(personas, "Ana", true)!;
    const { layout: bo, cols } = trackLayout(layout, 1);
    expect(bo.columns.map((c) => c.id)).toEqual([20, 21, 22, 23]);
    expect(cols).toEqual([0, 2, 3, 4]);
    expect(bo.stages).toEqual([
      { name: "Look", start: 0, count: 2 }, { name: "Buy", start: 2, count: 1 }, { name: "Use", start: 3, count: 1 },
    ]);
  });
});

const share: LaneSpec = { key: "drop_off", label: "Drop-off", kind: "number", dtype: "number", format: { style: "percent", digits: null } };
const emotion: LaneSpec = { key: "emotion", label: "Emotion", kind: "emotion", dtype: "number" };
const seconds: LaneSpec = { key: "wait", label: "Wait", kind: "number", dtype: "number", format: { style: "duration", digits: null } };
const pain: LaneSpec = { key: "pain", label: "Pain", kind: "text", dtype: "text" };

// Current: Search, Form, Pay. Future: Search, Pay (changed), Chat (added); Form removed.
const states = journey({
  ids: [1, 2, 3, 4, 5, 6],
  state: ["current", "current", "current", "future", "future", "future"],
  states: ["current", "future"],
  stage: ["Look", "Buy", "Buy", "Look", "Buy", "Buy"],
  step: ["Search", "Form", "Pay", "Search", "Pay now", "Chat"],
  keys: ["s", "f", "p", "s", "p", "c"],
  stages: ["Look", "Buy"],
  lanes: [share, emotion, pain],
  cells: [[0.4, 0.3, 0.2, 0.4, 0.08, null], [1, -2, -1, 1, 0.5, 1], ["", "", "slow", "", "", ""]],
  diff: [
    { id: 4, pair: 1, mark: null, changed: [], deltas: [] },
    { id: 5, pair: 3, mark: "changed", changed: ["drop_off", "emotion", "pain"], deltas: [["drop_off", -12], ["emotion", 1.5]] },
    { id: 6, pair: null, mark: "added", changed: [], deltas: [] },
    { id: 2, pair: null, mark: "removed", changed: [], deltas: [] },
    { id: 7, pair: null, mark: "bogus", changed: "x", deltas: [["a", "b"]] },
  ],
});

describe("compareLayout for states", () => {
  it("is a comparison view whatever the switch, aligned on the step keys, marks per column", () => {
    const layout = compareLayout(states, null, false)!;
    expect(layout.kind).toBe("state");
    expect(canComparePersonas(states)).toBe(false);
    // "Pay now" shares Pay's key: one column, named as the future names it.
    expect(cells(layout)).toEqual(["Look: Search | 1 4", "Buy: Form | 2 -", "Buy: Pay now | 3 5", "Buy: Chat | - 6"]);
    expect(layout.marks).toEqual([[], ["removed"], ["changed"], ["added"]]);
    expect(layout.diff.get(7)).toEqual({ id: 7, pair: null, mark: null, moved: false, changed: [], deltas: [] });
  });

  it("marks a moved step in both the columns the alignment gives it", () => {
    // Current: A, B. Future: B, A (A moved after B): A's current row stands alone.
    const j = journey({
      ids: [1, 2, 3, 4], state: ["current", "current", "future", "future"], states: ["current", "future"],
      stage: ["S", "S", "S", "S"], step: ["A", "B", "B", "A"], stages: ["S"],
      diff: [{ id: 3, pair: 2, mark: null, changed: [], deltas: [] }, { id: 4, pair: 1, mark: "moved", changed: [], deltas: [] }],
    });
    const layout = compareLayout(j, null, false)!;
    expect(cells(layout)).toEqual(["S: A | 1 -", "S: B | 2 3", "S: A | - 4"]);
    expect(layout.marks).toEqual([["moved"], [], ["moved"]]);
  });

  it("marks a step both moved and changed with both marks, its current row moved", () => {
    // Current: A, B. Future: B, A with A's pain changed: Python's mark is "changed", moved true.
    const j = journey({
      ids: [1, 2, 3, 4], state: ["current", "current", "future", "future"], states: ["current", "future"],
      stage: ["S", "S", "S", "S"], step: ["A", "B", "B", "A"], stages: ["S"],
      diff: [
        { id: 3, pair: 2, mark: null, moved: false, changed: [], deltas: [] },
        { id: 4, pair: 1, mark: "changed", moved: true, changed: ["pain"], deltas: [] },
      ],
    });
    const layout = compareLayout(j, null, false)!;
    expect(cells(layout)).toEqual(["S: A | 1 -", "S: B | 2 3", "S: A | - 4"]);
    expect(layout.marks).toEqual([["moved"], [], ["moved", "changed"]]);
    expect(layout.diff.get(4)?.moved).toBe(true);
  });

  it("shows the persona's states only", () => {
    const j = journey({ ...states, persona: ["a", "a", "b", "a", "b", "b"], personas: ["a", "b"] });
    expect(cells(compareLayout(j, "b", false)!)).toEqual(["Buy: Pay now | 3 5", "Buy: Chat | - 6"]);
  });

  it("ignores a malformed state field", () => {
    expect(compareLayout(journey({ ...states, state: ["current"] }), null, false)).toBeNull();
    expect(compareLayout(journey({ ...states, states: ["current"] }), null, false)).toBeNull();
  });

  it("marks changed cells and shows deltas in the future's lanes, in the view's language", () => {
    const layout = compareLayout(states, null, false)!;
    expect(cellDiff(layout, 5, share, "en")).toEqual({ changed: true, delta: "\u221212 pts" });
    expect(cellDiff(layout, 5, emotion, "en")).toEqual({ changed: true, delta: "+1.5" });
    expect(cellDiff(layout, 5, emotion, "fr")).toEqual({ changed: true, delta: "+1,5" });
    expect(cellDiff(layout, 5, pain, "en")).toEqual({ changed: true, delta: null });
    expect(cellDiff(layout, 4, share, "en")).toEqual({ changed: false, delta: null });
    expect(cellDiff(layout, 99, share, "en")).toEqual({ changed: false, delta: null });
  });

  it("writes deltas with a sign and the lane's unit", () => {
    expect(deltaText(share, 3.5, "fr")).toBe("+3,5 pts");
    expect(deltaText(share, 0, "en")).toBe("0 pts");
    expect(deltaText(seconds, -95, "en")).toBe("\u22121 min 35 s");
    expect(deltaText({ ...share, format: undefined }, 1250, "en")).toBe("+1,250");
  });

  it("names marks and known states in the view's language, other names as they are", () => {
    const layout = compareLayout(states, null, false)!;
    expect(markWord("added", "en")).toBe("added");
    expect(markWord("removed", "fr")).toBe("supprimée");
    expect(trackLabel(layout, "future", "fr")).toBe("Futur");
    expect(trackLabel(layout, "to-be", "fr")).toBe("to-be");
    expect(trackLabel({ kind: "persona" }, "current", "en")).toBe("current");
  });
});

describe("bridge", () => {
  it("runs a track's emotion line straight over its gaps, not past its ends or an empty step", () => {
    expect(bridge([1, undefined, undefined, -2])).toEqual([1, 0, -1, -2]);
    expect(bridge([undefined, 1, undefined])).toEqual([null, 1, null]);
    expect(bridge([2, undefined, null, undefined, 0])).toEqual([2, null, null, null, 0]);
    expect(bridge([])).toEqual([]);
  });
});

describe("compareTable", () => {
  it("reads personas side by side: a row per lane and persona, gaps in words", () => {
    const table = compareTable(personas, compareLayout(personas, "Ana", true)!, "Ana", "Shop", "en");
    expect(table.caption).toBe("Shop \u2014 Ana, Bo");
    expect(table.steps).toEqual(["See ad", "Compare", "Read reviews", "Pay", "Track parcel"]);
    expect(table.rows.map((r) => r.head)).toEqual(["Pain \u2014 Ana", "Pain \u2014 Bo"]);
    expect(table.rows[1].cells).toEqual([[], ["Bo has no such step"], [], ["card refused"], []]);
  });

  it("reads states with their marks, deltas and changed cells, in French", () => {
    const table = compareTable(states, compareLayout(states, null, false)!, null, "", "fr");
    expect(table.steps).toEqual(["Search", "Form (supprimée)", "Pay now (modifiée)", "Chat (ajoutée)"]);
    const future = table.rows.find((r) => r.head === "Drop-off \u2014 Futur")!;
    expect(future.cells[2]).toEqual(["8\u202F%", "\u221212 pts", "(modifié)"]);
    expect(future.cells[1]).toEqual(["Futur n'a pas cette étape"]);
  });
});
