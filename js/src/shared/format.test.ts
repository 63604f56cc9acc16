import { describe, expect, it } from "vitest";
import { emotionLane } from "../map/lanes/emotion";
import { numberOp } from "../map/lanes/number";
import { dateInput, formatDate, formatEmotion, formatNumber, momentLabel, momentTitle, parseNumber } from "./format";

import type { LaneSpec } from "./wire";

const NNBSP = "\u202F";

describe("numbers in each language", () => {
  it("are grouped and pointed as each language writes them", () => {
    expect(formatNumber(850.5, "fr")).toBe("850,5");
    expect(formatNumber(1276, "fr")).toBe(`1${NNBSP}276`);
    expect(formatNumber(1276.5, "fr")).toBe(`1${NNBSP}276,5`);
    expect(formatNumber(1276.5, "en")).toBe("1,276.5");
    expect(formatNumber(-0.0001, "fr")).toBe("0");
    expect(formatEmotion(-1.5, "fr")).toBe("\u22121,5");
    expect(formatEmotion(2, "fr")).toBe("+2");
  });

  it("are read as a French person types them", () => {
    expect(parseNumber("850,5", "fr")).toBe(850.5);
    expect(parseNumber("1 276,5", "fr")).toBe(1276.5);
    expect(parseNumber(`1${NNBSP}276,5`, "fr")).toBe(1276.5); // as Intl wrote it, copied back
    expect(parseNumber("1\u00A0276", "fr")).toBe(1276);
    expect(parseNumber("-1,5", "fr")).toBe(-1.5);
    expect(parseNumber("\u22121,5", "fr")).toBe(-1.5);
    expect(parseNumber("+2", "fr")).toBe(2);
    expect(parseNumber(",5", "fr")).toBe(0.5);
    expect(parseNumber(" 42 ", "fr")).toBe(42);
    // A comma is the decimal mark: "1,276" is one and a bit, never a thousand.
    expect(parseNumber("1,276", "fr")).toBe(1.276);
    // With no comma, a point is taken as the decimal mark too (numbers pasted from elsewhere).
    expect(parseNumber("850.5", "fr")).toBe(850.5);
  });

  it("are read as an English person types them", () => {
    expect(parseNumber("1,276.5", "en")).toBe(1276.5);
    expect(parseNumber("1,276", "en")).toBe(1276);
    expect(parseNumber("850.5", "en")).toBe(850.5);
    expect(parseNumber("-1.5", "en")).toBe(-1.5);
    expect(parseNumber("1e3", "en")).toBe(1000);
    expect(parseNumber("-0", "en")).toBe(0);
    expect(Object.is(parseNumber("-0", "en"), -0)).toBe(false);
  });

  it("refuse what is no number, or is ambiguous", () => {
    for (const text of ["", "  ", "abc", "1,2,3", "1 27", "1.276,5", "12a", "--1", "1,5.5", "€5", "5 %", "."]) {
      expect(parseNumber(text, "fr"), text).toBeNull();
    }
    for (const text of ["", "850,5", "1,27", "1 27", "1,276 5", "1..2", "NaN", "Infinity", "1e999"]) {
      expect(parseNumber(text, "en"), text).toBeNull();
    }
  });

  it("read back what they write, in both languages", () => {
    for (const v of [0, 5, -5, 0.25, 850.5, 1276.5, -1276.5, 123456.7, 1234567]) {
      for (const lang of ["en", "fr"] as const) expect(parseNumber(formatNumber(v, lang), lang), `${v} ${lang}`).toBe(v);
    }
  });
});

describe("dates in each language", () => {
  it("are shown in the language's order", () => {
    expect(formatDate("2026-01-02T00:00:00", "fr")).toBe("02/01/2026");
    expect(formatDate("2026-01-02T14:30:00", "fr")).toBe("02/01/2026 14:30:00");
    expect(formatDate("2026-01-02T00:00:00", "en")).toBe("2026-01-02");
    expect(formatDate("not a date", "fr")).toBe("not a date");
  });

  it("typed in French order are sent in ISO order, which Python reads unambiguously", () => {
    expect(dateInput("02/01/2026", "fr")).toBe("2026-01-02");
    expect(dateInput("2/1/2026 9h05", "fr")).toBe("2026-01-02 09:05:00");
    expect(dateInput("2026-01-02", "fr")).toBe("2026-01-02");
    expect(dateInput("02/01/2026", "en")).toBe("02/01/2026");
  });
});

describe("moments of truth", () => {
  it("are named in each language", () => {
    expect(momentLabel("one-off", "fr")).toBe("Ponctuel");
    expect(momentTitle("cross-journey", "fr")).toBe("Moment de vérité : Transverse");
    expect(momentTitle("moment", "en")).toBe("Moment of truth");
    expect(momentLabel("constructor", "fr")).toBe("constructor");
  });
});

describe("a number typed into a map cell", () => {
  const lane = (dtype: "number" | "integer", style: "number" | "percent" | "duration" = "number"): LaneSpec =>
    ({ key: "visits", label: "Visits", kind: "number", dtype, format: { style, digits: null } });

  it("is sent as the number it means in the view's language", () => {
    expect(numberOp(lane("number"), 7, "850,5", "fr")).toEqual({ kind: "set_cell", id: 7, column: "visits", value: 850.5 });
    expect(numberOp(lane("integer"), 7, "1 276", "fr")).toEqual({ kind: "set_cell", id: 7, column: "visits", value: 1276 });
    expect(numberOp(lane("number"), 7, "1,276.5", "en")).toEqual({ kind: "set_cell", id: 7, column: "visits", value: 1276.5 });
    expect(numberOp(lane("number", "percent"), 7, "41,5 %", "fr")).toEqual({ kind: "set_cell", id: 7, column: "visits", value: "41.5" });
    expect(numberOp(lane("number", "duration"), 7, "1 min 35 s", "fr"))
      .toEqual({ kind: "set_cell", id: 7, column: "visits", value: "1 min 35 s" });
    expect(numberOp(lane("number"), 7, "", "fr")).toEqual({ kind: "set_cell", id: 7, column: "visits", value: "" });
  });

  it("is refused in the view's language when it is no number", () => {
    expect(numberOp(lane("number"), 7, "beaucoup", "fr")).toBe("«\u202Fbeaucoup\u202F» n'est pas un nombre ; écrivez-le comme 1 276,5.");
    expect(numberOp(lane("number"), 7, "850,5", "en")).toBe("\u201c850,5\u201d is not a number; write it like 1,276.5.");
    expect(emotionLane.op(lane("number"), 7, "bof", "fr")).toBe("«\u202Fbof\u202F» n'est pas un nombre de l'échelle d'émotion.");
    expect(emotionLane.op(lane("number"), 7, "-1,5", "fr")).toEqual({ kind: "set_emotion", id: 7, value: -1.5 });
  });
});
