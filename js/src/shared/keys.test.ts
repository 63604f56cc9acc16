// User text used as a lookup key must never find Object.prototype's members.
import { describe, expect, it } from "vitest";
import { MOMENT_LABELS, momentKind, momentLabel, momentTitle } from "./format";
import { decodeJourney } from "./wire";
import { channelOf } from "../map/lanes/channel";
import { ICON_PATHS } from "../map/icons";

const PROTO_KEYS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"];

describe("prototype keys are plain text", () => {
  it("are no channel", () => {
    for (const key of PROTO_KEYS) expect(channelOf(key)).toBeNull();
    for (const key of PROTO_KEYS) expect(ICON_PATHS.get(key as never)).toBeUndefined();
  });
  it("label a moment of truth as themselves", () => {
    for (const key of PROTO_KEYS) {
      expect(momentLabel(key)).toBe(key);
      expect(momentTitle(key)).toBe(`Moment of truth: ${key}`);
      expect(MOMENT_LABELS.get(key)).toBeUndefined();
    }
    expect(momentLabel("one-off")).toBe("One-off");
    expect([...MOMENT_LABELS.keys()]).toEqual(["one-off", "cross-journey"]);
  });
  it("name lanes of the older keyed wire without finding functions", () => {
    const lanes = PROTO_KEYS.map((key) => ({ key, label: key, kind: "channel", dtype: "text" }));
    const j = decodeJourney({ ids: [1], stage: ["s"], step: ["a"], lanes, cells: { toString: ["web"] } });
    expect(j.cells).toEqual([[], [], ["web"], [], [], []]);
  });
});

describe("moment values", () => {
  it("reads booleans and kinds", () => {
    expect(momentKind("one-off")).toBe("one-off");
    expect(momentKind(true)).toBe("moment");
    expect([momentKind(false), momentKind(null), momentKind("")]).toEqual([null, null, null]);
  });
});

describe("decodeJourney", () => {
  it("reads cells parallel to lanes, and tolerates missing ones", () => {
    const lanes = [{ key: "a", label: "A", kind: "text", dtype: "text" }, { key: "b", label: "B", kind: "text", dtype: "text" }];
    expect(decodeJourney({ ids: [1], lanes, cells: [["x"]] }).cells).toEqual([["x"], []]);
    expect(decodeJourney({ ids: [1], lanes, cells: { b: ["y"] } }).cells).toEqual([[], ["y"]]);
    expect(decodeJourney({ ids: [1], lanes }).cells).toEqual([[], []]);
  });
});
