import { describe, expect, it } from "vitest";
import { emotionLane } from "../map/lanes/emotion";
import { durationSeconds, numberOp } from "../map/lanes/number";
import { dateInput, exactNumber, formatDate, formatEmotion, formatNumber, momentLabel, momentTitle, numberRefusal, parseNumber } from "./format";

import type { Lang } from "./i18n";
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

  it("give an emotion that rounds to zero no sign", () => {
    for (const v of [-0.001, 0.004, -0.004999, 0, -0]) {
      for (const lang of ["en", "fr"] as const) expect(formatEmotion(v, lang), `${v} ${lang}`).toBe("0");
    }
    expect(formatEmotion(0.005, "en")).toBe("+0.01");
    expect(formatEmotion(-0.006, "fr")).toBe("\u22120,01");
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

  it("refuse a first group of thousands that starts with 0", () => {
    for (const text of ["0,500", "00,500", "-0,500", "0,500,000", "0 500"]) expect(parseNumber(text, "en"), text).toBeNull();
    for (const text of ["0 500", "00 500", "0\u202F500,5"]) expect(parseNumber(text, "fr"), text).toBeNull();
    expect(parseNumber("0,500", "fr")).toBe(0.5); // the comma is the decimal mark in French
    expect(parseNumber("1,500", "en")).toBe(1500);
    expect(parseNumber("10 500", "fr")).toBe(10500);
  });

  it("refuse in French a point before exactly three digits, which may mean thousands", () => {
    for (const text of ["1.276", "12.500", "-276.000", "\u22121.276"]) expect(parseNumber(text, "fr"), text).toBeNull();
    expect(parseNumber("1.5", "fr")).toBe(1.5);
    expect(parseNumber("1.2765", "fr")).toBe(1.2765);
    expect(parseNumber("0.276", "fr")).toBe(0.276); // no thousand starts with 0
    expect(parseNumber("1.276", "en")).toBe(1.276);
    expect(numberRefusal("1.276", "fr"))
      .toBe("«\u202F1.276\u202F» est ambigu : écrivez 1\u202F276 s'il s'agit de milliers, 1,276 s'il s'agit de décimales.");
    expect(numberRefusal("-12.500", "fr")).toContain("-12\u202F500 s'il s'agit de milliers, -12,500 s'il");
    expect(numberRefusal("abc", "fr")).toBe("«\u202Fabc\u202F» n'est pas un nombre ; écrivez-le comme 1 276,5.");
  });

  it("show every digit where a refusal quotes them", () => {
    expect(exactNumber(2.001, "fr")).toBe("2,001");
    expect(exactNumber(2.001, "en")).toBe("2.001");
    expect(exactNumber(1234.5678, "fr")).toBe("1\u202F234,5678");
    expect(exactNumber(-0, "en")).toBe("0");
    expect(formatNumber(2.001, "fr")).toBe("2"); // what a refusal must not say
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
  });

  // [typed, lang, sent]: the 3rd of January 2026 in each language's order, sent in ISO order.
  const READ: [string, Lang, string][] = [
    ["3/1/26", "fr", "2026-01-03"],
    ["03-01-2026", "fr", "2026-01-03"],
    ["03.01.2026", "fr", "2026-01-03"],
    ["03/01/2026, 14:30", "fr", "2026-01-03 14:30:00"],
    ["03/01/2026 à 14h", "fr", "2026-01-03 14:00:00"],
    ["03/01/2026 14:30:05", "fr", "2026-01-03 14:30:05"],
    ["1/1/85", "fr", "1985-01-01"], // 69…99 are the 1900s, as Python's %y
    ["2026/01/03", "fr", "2026-01-03"], // year first: no order to guess
    ["1/3/26", "en", "2026-01-03"],
    ["01-03-2026", "en", "2026-01-03"],
    ["02/01/2026", "en", "2026-02-01"],
    ["1/3/2026, 2:30 pm", "en", "2026-01-03 14:30:00"],
    ["1/3/2026 12:05 AM", "en", "2026-01-03 00:05:00"],
    ["2026-01-03T14:30:00", "en", "2026-01-03T14:30:00"],
    ["  ", "en", ""], // an emptied cell
  ];

  it("are read day first in French, month first in English (any separator, a 2-digit year, a time)", () => {
    for (const [text, lang, iso] of READ) expect(dateInput(text, lang), `${text} ${lang}`).toBe(iso);
  });

  it("refuse, in the view's language, what is no date in its order", () => {
    for (const text of ["13/13/2026", "31/02/2026", "next week", "3/1", "03/01-2026", "03/01/2026 25:00", "3/1/2026 2:30 pm", "2026-1-3"]) {
      expect(dateInput(text, "fr"), text).toBeNull();
    }
    for (const text of ["13/1/2026", "2/30/2026", "1/3/2026 13:00 pm", "3 janvier 2026"]) expect(dateInput(text, "en"), text).toBeNull();
    expect(dateInput("29/02/2028", "fr")).toBe("2028-02-29");
    expect(dateInput("29/02/2026", "fr")).toBeNull();
    const lane: LaneSpec = { key: "seen", label: "Seen", kind: "text", dtype: "date" };
    expect(numberOp(lane, 7, "3/1/26", "fr")).toEqual({ kind: "set_cell", id: 7, column: "seen", value: "2026-01-03" });
    expect(numberOp(lane, 7, "13/13/2026", "fr")).toBe("«\u202F13/13/2026\u202F» n'est pas une date ; écrivez-la comme 03/01/2026.");
    expect(numberOp(lane, 7, "13/1/2026", "en")).toBe("\u201c13/1/2026\u201d is not a date; write it like 1/3/2026.");
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
    expect(numberOp(lane("number", "percent"), 7, "0,500 %", "en")).toBe("\u201c0,500 %\u201d is not a number; write it like 1,276.5.");
    expect(numberOp(lane("number", "percent"), 7, "0,500 %", "fr")).toEqual({ kind: "set_cell", id: 7, column: "visits", value: "0.5" });
    expect(numberOp(lane("number", "duration"), 7, "1 min 35 s", "fr"))
      .toEqual({ kind: "set_cell", id: 7, column: "visits", value: 95 });
    expect(numberOp(lane("number"), 7, "", "fr")).toEqual({ kind: "set_cell", id: 7, column: "visits", value: "" });
  });

  it("is refused in the view's language when it is no number", () => {
    expect(numberOp(lane("number"), 7, "beaucoup", "fr")).toBe("«\u202Fbeaucoup\u202F» n'est pas un nombre ; écrivez-le comme 1 276,5.");
    expect(numberOp(lane("number"), 7, "850,5", "en")).toBe("\u201c850,5\u201d is not a number; write it like 1,276.5.");
    expect(emotionLane.op(lane("number"), 7, "bof", "fr")).toBe("«\u202Fbof\u202F» n'est pas un nombre de l'échelle d'émotion.");
    expect(emotionLane.op(lane("number"), 7, "-1,5", "fr")).toEqual({ kind: "set_emotion", id: 7, value: -1.5 });
  });
});

describe("a duration typed into a map cell", () => {
  const lane: LaneSpec = { key: "wait", label: "Wait", kind: "number", dtype: "number", format: { style: "duration", digits: null } };

  it("reads each number as the view's language does, and sends seconds", () => {
    expect(durationSeconds("1,500 s", "en")).toBe(1500);
    expect(durationSeconds("1,500 s", "fr")).toBe(1.5);
    expect(durationSeconds("1,5 h", "fr")).toBe(5400);
    expect(durationSeconds("1.5 h", "en")).toBe(5400);
    expect(durationSeconds("1 500 s", "fr")).toBe(1500);
    expect(durationSeconds("95", "en")).toBe(95);
    expect(durationSeconds("1 h 05 min 10 s", "en")).toBe(3910);
    expect(durationSeconds("\u22121 min 30 s", "fr")).toBe(-90);
    expect(numberOp(lane, 7, "1,500 s", "en")).toEqual({ kind: "set_cell", id: 7, column: "wait", value: 1500 });
  });

  it("takes a bare number after hours as minutes, in both languages", () => {
    for (const lang of ["en", "fr"] as const) {
      expect(durationSeconds("2 h 30", lang)).toBe(9000);
      expect(durationSeconds("2h30", lang)).toBe(9000);
      expect(durationSeconds("1 min 35", lang)).toBe(95);
    }
  });

  it("refuses what it cannot read, in the view's language", () => {
    for (const text of ["1,5 h", "2 h 75", "5 s 3 min", "1 h 1 h", "2 s 30", "1 min -3 s", "2 heures", "h", "0,500 s"]) {
      expect(durationSeconds(text, "en"), text).toBeNull();
    }
    for (const text of ["1.500 s", "1,5.5 h", "2 h 30,5"]) expect(durationSeconds(text, "fr"), text).toBeNull();
    expect(numberOp(lane, 7, "1,5 h", "en")).toBe("\u201c1,5 h\u201d is not a duration; write it like 1 h 05 min 10 s, 2 h 30 or 95 s.");
    expect(numberOp(lane, 7, "", "fr")).toEqual({ kind: "set_cell", id: 7, column: "wait", value: "" });
  });
});
