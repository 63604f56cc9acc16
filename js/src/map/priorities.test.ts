import { describe, expect, it } from "vitest";
import { decodeJourney } from "../shared/wire";
import { panelMove } from "./list_panel";
import { panelItems } from "./priorities";

const journey = decodeJourney({
  revision: 3,
  ids: [11, 12, 13, 14, 15],
  stage: ["Buy", "Buy", "Find", "Find", "Buy"],
  step: ["Pay", "Checkout", "Search", "Search", "Pay"],
  persona: ["Ana", "Ana", "Ana", "Bo", "Bo"],
  stages: ["Find", "Buy"],
  personas: ["Ana", "Bo"],
  lanes: [
    { key: "pain", label: "Pain", kind: "text", dtype: "text" },
    { key: "priority", label: "Priority", kind: "priority", dtype: "integer", priority: "rank" },
  ],
  cells: [["Card refused\nSlow", null, null, "<b>bold</b>", null], [1, 2, 5, 1, null]],
  step_key: "step",
  emotion: null,
  scale: [-3, 3],
  priorities: {
    lane: "priority",
    items: [
      { id: 11, pain: "Card refused\nSlow", opportunity: null, owner: "Payments" },
      { id: 14, pain: "<b>bold</b>", owner: null },
      { id: 12, pain: null, opportunity: "  " },
      { id: 99, pain: "a step no longer there" },
      { id: 13 },
    ],
  },
});

describe("priorities panel items", () => {
  it("lists the shown persona's steps in Python's order, with badge, stage and notes", () => {
    const items = panelItems(journey, "Ana");
    expect(items.map((i) => i.id)).toEqual([11, 12, 13]);
    expect(items[0]).toMatchObject({ step: "Pay", stage: "Buy", badge: { text: "#1", tone: "top" } });
    expect(items[0].notes).toEqual([["Pain", "Card refused \u00B7 Slow"], ["Owner", "Payments"]]);
    expect(items[1].notes).toEqual([]);
    expect(items[2].badge).toMatchObject({ text: "#5", tone: "rank" });
  });
  it("keeps user text as text and skips steps that are gone", () => {
    const items = panelItems(journey, "Bo");
    expect(items.map((i) => i.id)).toEqual([14]);
    expect(items[0].notes).toEqual([["Pain", "<b>bold</b>"]]);
  });
  it("is empty without a priority lane, and tolerates a malformed entry", () => {
    expect(panelItems({ ...journey, priorities: null }, "Ana")).toEqual([]);
    expect(decodeJourney({ ids: [], priorities: { lane: 3, items: [] } }).priorities).toBeNull();
    expect(decodeJourney({ ids: [], priorities: { lane: "p", items: [null, { id: "x" }, { id: 2 }] } }).priorities)
      .toEqual({ lane: "p", items: [{ id: 2 }] });
    expect(decodeJourney({ ids: [] }).priorities).toBeNull();
  });
  it("shows every persona's items when the map has none", () => {
    const plain = { ...journey, persona: null, personas: [] };
    expect(panelItems(plain, null).map((i) => i.id)).toEqual([11, 14, 12, 13]);
  });
});

describe("priorities panel keys", () => {
  it("moves among the items with the arrows, Home and End", () => {
    expect(panelMove("ArrowDown", 0, 3)).toBe(1);
    expect(panelMove("ArrowDown", 2, 3)).toBe(2);
    expect(panelMove("ArrowUp", 0, 3)).toBe(0);
    expect(panelMove("ArrowUp", 2, 3)).toBe(1);
    expect(panelMove("Home", 2, 3)).toBe(0);
    expect(panelMove("End", 0, 3)).toBe(2);
    expect(panelMove("Enter", 0, 3)).toBeNull();
    expect(panelMove("ArrowDown", 0, 0)).toBeNull();
  });
});
