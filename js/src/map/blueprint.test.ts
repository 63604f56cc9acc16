import { describe, expect, it } from "vitest";
import { decodeJourney } from "../shared/wire";
import { blueprintRows, groupLabel, groupOf, lineName, linesBefore, type BlueprintRow, type Group } from "./blueprint";
import { layoutMap } from "./layout";
import { tableModel } from "./table_view";

// The rows as a short text: a lane by its index, a line by its name.
const shown = (rows: BlueprintRow[]): string[] =>
  rows.map((r) => (r.type === "line" ? `—${r.line}` : `${r.lane}${r.first ? "*" : ""}`));

describe("blueprintRows", () => {
  it("draws the three lines between the groups they separate, in order", () => {
    const groups: (Group | null)[] = ["evidence", "customer", "customer", "frontstage", "backstage", "backstage", "support"];
    expect(shown(blueprintRows(groups))).toEqual(
      ["0*", "1*", "2", "—interaction", "3*", "—visibility", "4*", "5", "—internal", "6*"]);
  });

  it("keeps every lane once, in its order, and lanes with no group after the groups draw no line", () => {
    const groups: (Group | null)[] = ["customer", "frontstage", "support", null, null];
    const rows = blueprintRows(groups);
    expect(rows.filter((r) => r.type === "lane").map((r) => (r.type === "lane" ? r.lane : -1))).toEqual([0, 1, 2, 3, 4]);
    expect(shown(rows)).toEqual(["0*", "—interaction", "1*", "—visibility", "—internal", "2*", "3", "4"]);
  });

  it("draws a line only with grouped lanes on both sides", () => {
    expect(shown(blueprintRows(["customer", null]))).toEqual(["0*", "1"]);
    expect(shown(blueprintRows(["backstage", "support"]))).toEqual(["0*", "—internal", "1*"]);
    expect(shown(blueprintRows([null, null]))).toEqual(["0", "1"]);
    expect(blueprintRows([])).toEqual([]);
  });

  it("puts both lines at one boundary when the group between them has no lane", () => {
    expect(shown(blueprintRows(["evidence", "backstage"]))).toEqual(["0*", "—interaction", "—visibility", "1*"]);
  });
});

describe("groups and words", () => {
  it("reads a lane's group from the wire, none for anything else", () => {
    expect(groupOf({ group: "backstage" })).toBe("backstage");
    expect(groupOf({ group: "coulisses" })).toBeNull();
    expect(groupOf({})).toBeNull();
    expect(groupOf({ group: "constructor" })).toBeNull();
  });

  it("names the lines in English and French", () => {
    expect(lineName("en", "visibility")).toBe("Line of visibility");
    expect(lineName("fr", "visibility")).toBe("Ligne de visibilité");
    expect(lineName("en", "internal")).toBe("Line of internal interaction");
    expect(lineName("fr", "interaction")).toBe("Ligne d'interaction");
  });

  it("shows a group's name over its first lane unless the lane's title says it", () => {
    expect(groupLabel("en", "customer", "Action")).toBe("Customer actions");
    expect(groupLabel("en", "frontstage", "Frontstage")).toBeNull();
    expect(groupLabel("fr", "backstage", "back office")).toBeNull();
    expect(groupLabel("fr", "support", "Support")).toBe("Processus de support");
  });
});

describe("the table view of a blueprint", () => {
  const lanes = ["evidence", "customer", "frontstage", "backstage", "support"].map((group) =>
    ({ key: group, label: group, kind: "text", dtype: "text" as const, group }));
  const base = {
    ids: [1, 2], stage: ["S", "S"], step: ["a", "b"], stages: ["S"], personas: [],
    lanes, cells: lanes.map(() => ["x", null]),
  };

  it("reads each line as a row between the lanes it separates, in the view's language", () => {
    const j = decodeJourney({ ...base, blueprint: true });
    const heads = tableModel(j, layoutMap(j, null), null, "", "fr").rows.map((r) => r.head);
    expect(heads).toEqual(["evidence", "customer", "Ligne d'interaction", "frontstage", "Ligne de visibilité",
      "backstage", "Ligne d'interaction interne", "support"]);
  });

  it("has no line rows when the map is not a blueprint", () => {
    const j = decodeJourney(base);
    expect(tableModel(j, layoutMap(j, null), null, "").rows.map((r) => r.head)).toEqual(lanes.map((l) => l.key));
  });
});

describe("linesBefore", () => {
  it("gives each line to the lane it stands over", () => {
    const lanes = [{ group: "customer" }, { group: "backstage" }, { group: "support" }, {}];
    expect([...linesBefore(lanes)]).toEqual([[1, ["interaction", "visibility"]], [2, ["internal"]]]);
  });
});
