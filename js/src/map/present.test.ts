import { describe, expect, it } from "vitest";
import { decodeJourney, type CellValue, type Journey } from "../shared/wire";
import { layoutMap } from "./layout";
import {
  presentMessage, presentShortcut, spotCues, spotlight, stageAt, stageColumnWidth, stageLabel, walkStage,
} from "./present";

/** A journey with an emotion lane and a moment lane, rows given as [stage, step, emotion, moment, persona]. */
function journey(rows: [string, string, CellValue, CellValue, string?][], scale: [number, number] = [-3, 3]): Journey {
  const withPersona = rows.some((r) => r[4] !== undefined);
  return decodeJourney({
    ids: rows.map((_, i) => 100 + i),
    stage: rows.map((r) => r[0]),
    step: rows.map((r) => r[1]),
    stages: [...new Set(rows.map((r) => r[0]))],
    persona: withPersona ? rows.map((r) => r[4] ?? "") : null,
    personas: withPersona ? [...new Set(rows.map((r) => r[4] ?? ""))] : [],
    lanes: [
      { key: "emotion", label: "Emotion", kind: "emotion", dtype: "number" },
      { key: "mot", label: "Moment of truth", kind: "moment", dtype: "text" },
    ],
    cells: [rows.map((r) => r[2]), rows.map((r) => r[3])],
    emotion: "emotion",
    scale,
  });
}

const picks = (j: Journey, stage: number, persona: string | null = null) =>
  spotlight(layoutMap(j, persona), j, stage).map((s) => [s.step, s.reasons.join("+")]);

const FIVE = journey([
  ["Découverte", "Voir une pub", 1, null],
  ["Découverte", "Lire un avis", 2, null],
  ["Achat", "Panier", 0, null],
  ["Achat", "Paiement", -2, "one-off"],
  ["Achat", "Confirmation", 1, null],
  ["Livraison", "Suivi", 1, null],
  ["Retour", "Formulaire", -3, null],
  ["Fidélité", "Newsletter", 0, null],
  ["Fidélité", "Offre", 0, null],
]);

describe("walkStage", () => {
  it("moves one stage with arrows and pages, to the ends with Home and End, and stops at both ends", () => {
    expect(walkStage(0, "ArrowRight", 5)).toBe(1);
    expect(walkStage(1, "PageDown", 5)).toBe(2);
    expect(walkStage(4, "ArrowRight", 5)).toBe(4);
    expect(walkStage(4, "PageDown", 5)).toBe(4);
    expect(walkStage(2, "ArrowLeft", 5)).toBe(1);
    expect(walkStage(1, "PageUp", 5)).toBe(0);
    expect(walkStage(0, "ArrowLeft", 5)).toBe(0);
    expect(walkStage(3, "Home", 5)).toBe(0);
    expect(walkStage(0, "End", 5)).toBe(4);
  });

  it("ignores other keys, keeps a stale index within the stages, and has nowhere to go with none", () => {
    expect(walkStage(1, "Enter", 5)).toBeNull();
    expect(walkStage(1, "ArrowDown", 5)).toBeNull();
    expect(walkStage(7, "ArrowRight", 3)).toBe(2); // a persona with fewer stages
    expect(walkStage(7, "ArrowLeft", 3)).toBe(1);
    expect(walkStage(0, "ArrowRight", 0)).toBeNull();
    expect(walkStage(0, "ArrowRight", 1)).toBe(0);
  });
});

describe("stageAt and stageLabel", () => {
  const layout = layoutMap(FIVE, null);

  it("finds the stage of a column, the first for a column outside the map", () => {
    expect([0, 1, 2, 4, 5, 6, 7, 8].map((c) => stageAt(layout, c))).toEqual([0, 0, 1, 1, 2, 3, 4, 4]);
    expect(stageAt(layout, 99)).toBe(0);
    expect(stageAt({ columns: [], stages: [] }, 0)).toBe(0);
  });

  it("says where the walk is, with the stage's own name", () => {
    expect(stageLabel(layout, 1)).toBe("Stage 2 of 5 \u00B7 Achat");
    expect(stageLabel(layout, 4)).toBe("Stage 5 of 5 \u00B7 Fidélité");
    expect(stageLabel(layout, 5)).toBe("");
  });
});

describe("stageColumnWidth", () => {
  it("widens a short stage by half, a long one as far as the view lets it, never below the others", () => {
    expect(stageColumnWidth(1300, 2, 168)).toBe(252);
    expect(stageColumnWidth(1300, 1, 168)).toBe(252);
    expect(stageColumnWidth(1309, 7, 168)).toBe(187);
    expect(stageColumnWidth(1300, 12, 168)).toBe(168);
    expect(stageColumnWidth(0, 0, 168)).toBe(168);
  });
});

describe("spotlight", () => {
  it("picks the stage's moments of truth and its lowest emotion, in map order", () => {
    expect(picks(FIVE, 1)).toEqual([["Paiement", "moment+lowest"]]);
    expect(picks(FIVE, 0)).toEqual([["Voir une pub", "lowest"]]);
  });

  it("keeps every step tied at the lowest emotion", () => {
    const j = journey([
      ["A", "a1", -1, null], ["A", "a2", 2, null], ["A", "a3", -1, null], ["A", "a4", 0, "cross-journey"],
    ]);
    expect(picks(j, 0)).toEqual([["a1", "lowest"], ["a3", "lowest"], ["a4", "moment"]]);
  });

  it("points at no lowest in a stage where every step feels the same, or in a one-step stage", () => {
    expect(picks(FIVE, 2)).toEqual([]); // Livraison: one step at +1
    expect(picks(FIVE, 4)).toEqual([]); // Fidélité: 0 and 0
  });

  it("points at a step in the scale's lowest third even alone in its stage", () => {
    expect(picks(FIVE, 3)).toEqual([["Formulaire", "low"]]);
    const j = journey([["A", "a1", -3, null], ["A", "a2", -1, null], ["A", "a3", 0, null], ["A", "a4", 3, null]]);
    expect(picks(j, 0)).toEqual([["a1", "lowest"], ["a2", "low"]]);
  });

  it("reads the lowest third on the map's own scale", () => {
    const rows: [string, string, CellValue, CellValue][] = [["A", "a1", 2, null], ["A", "a2", 3, null], ["A", "a3", 5, null]];
    expect(picks(journey(rows, [1, 5]), 0)).toEqual([["a1", "lowest"]]);
    expect(picks(journey(rows, [0, 10]), 0)).toEqual([["a1", "lowest"], ["a2", "low"]]);
    expect(picks(journey([["A", "a1", 3, null], ["A", "a2", 4, null]], [0, 10]), 0)).toEqual([["a1", "lowest"]]);
    expect(picks(journey([["A", "a1", 4, null], ["A", "a2", 4, null]], [0, 10]), 0)).toEqual([]);
  });

  it("never takes a missing or NaN emotion for the lowest", () => {
    const j = journey([["A", "a1", null, null], ["A", "a2", Number.NaN, null], ["A", "a3", 1, null], ["A", "a4", 2, null]]);
    expect(picks(j, 0)).toEqual([["a3", "lowest"]]);
    const none = journey([["A", "a1", null, null], ["A", "a2", Number.NaN, null]]);
    expect(picks(none, 0)).toEqual([]);
  });

  it("shows only moments of truth in a map without emotions, and nothing without moments", () => {
    const j = decodeJourney({
      ...journey([["A", "a1", -3, "yes"], ["A", "a2", -3, null]]),
      emotion: null,
    });
    expect(picks(j, 0)).toEqual([["a1", "moment"]]);
    const plain = journey([["A", "a1", 1, null], ["A", "a2", 1, false], ["A", "a3", 1, ""]]);
    expect(picks(plain, 0)).toEqual([]);
  });

  it("follows the persona shown: its own steps, stages and columns", () => {
    const j = journey([
      ["Achat", "Panier", -2, null, "Camille"],
      ["Achat", "Panier", 1, null, "Hugo"],
      ["Achat", "Paiement", 0, true, "Camille"],
      ["Achat", "Paiement", -1, null, "Hugo"],
      ["Retour", "Colis", -1, null, "Hugo"],
    ]);
    expect(picks(j, 0, "Camille")).toEqual([["Panier", "lowest"], ["Paiement", "moment"]]);
    expect(picks(j, 0, "Hugo")).toEqual([["Paiement", "lowest"]]);
    expect(picks(j, 1, "Camille")).toEqual([]); // Camille has one stage
    expect(picks(j, 1, "Hugo")).toEqual([["Colis", "low"]]);
    const hugo = spotlight(layoutMap(j, "Hugo"), j, 1);
    expect(hugo.map((s) => [s.id, s.col, s.emotion])).toEqual([[104, 2, -1]]);
  });

  it("is empty for a stage the map does not have", () => {
    expect(spotlight(layoutMap(FIVE, null), FIVE, 9)).toEqual([]);
    expect(spotlight(layoutMap(FIVE, null), FIVE, -1)).toEqual([]);
  });
});

describe("spotCues", () => {
  it("says each reason in words", () => {
    const [paiement] = spotlight(layoutMap(FIVE, null), FIVE, 1);
    expect(paiement.moment).toBe("one-off");
    expect(spotCues(paiement)).toEqual(["moment of truth", "lowest emotion"]);
    const j = journey([["A", "a1", -3, true], ["A", "a2", -3, "cross-journey"]]);
    expect(spotlight(layoutMap(j, null), j, 0).map(spotCues)).toEqual([
      ["moment of truth", "low emotion"], ["moment of truth", "low emotion"],
    ]);
  });
});

describe("presentMessage and presentShortcut", () => {
  it("reads only a present message with a boolean", () => {
    expect(presentMessage({ type: "present", on: true })).toEqual({ on: true });
    expect(presentMessage({ type: "present", on: false })).toEqual({ on: false });
    expect(presentMessage({ type: "present", on: "yes" })).toBeNull();
    expect(presentMessage({ type: "edit_result", on: true })).toBeNull();
    expect(presentMessage(null)).toBeNull();
  });

  it("is Alt+P by the key's place, whatever character it types", () => {
    const key = (e: Partial<KeyboardEvent>) =>
      presentShortcut({ altKey: false, ctrlKey: false, metaKey: false, code: "", ...e });
    expect(key({ altKey: true, code: "KeyP" })).toBe(true);
    expect(key({ code: "KeyP" })).toBe(false);
    expect(key({ altKey: true, ctrlKey: true, code: "KeyP" })).toBe(false);
    expect(key({ altKey: true, metaKey: true, code: "KeyP" })).toBe(false);
    expect(key({ altKey: true, code: "KeyN" })).toBe(false);
  });
});
