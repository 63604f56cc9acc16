import { describe, expect, it } from "vitest";
import { decodeJourney, type LaneSpec } from "../shared/wire";
import { editorFor, sentText, type Target } from "./editor";

const lane: LaneSpec = { key: "pain", label: "Pain", kind: "text", dtype: "text" };
const stage: Target = { type: "stage", stage: "Achat" };
const step: Target = { type: "step", id: 3 };

describe("sentText", () => {
  it("sends a stage or step name without the spaces around it", () => {
    expect(sentText(stage, "  Paiement\t", "Achat")).toBe("Paiement");
    expect(sentText(step, "Pay now ", "Checkout")).toBe("Pay now");
    expect(sentText(step, "Pay  now", "Checkout")).toBe("Pay  now"); // inner spaces are the name's
  });

  it("sends nothing for a name typed again with spaces around it", () => {
    expect(sentText(stage, "Achat ", "Achat")).toBeNull();
    expect(sentText(stage, " Achat", "Achat")).toBeNull();
    expect(sentText(step, "\tPay\n", "Pay")).toBeNull();
    expect(sentText(stage, "Achat", "Achat")).toBeNull();
  });

  it("sends a name held with spaces only when it is changed", () => {
    expect(sentText(stage, "Awareness ", "Awareness ")).toBeNull();
    expect(sentText(stage, "Awareness", "Awareness ")).toBe("Awareness");
  });

  it("sends an empty name for Python to refuse", () => {
    expect(sentText(stage, "   ", "Achat")).toBe("");
  });

  it("sends a lane's text as typed", () => {
    const cell: Target = { type: "lane", id: 3, lane };
    expect(sentText(cell, "Slow ", "Slow")).toBe("Slow ");
    expect(sentText(cell, "Slow", "Slow")).toBeNull();
  });
});

describe("an editor opens on its cell's value", () => {
  // Two personas' rows: side by side, the layout's column for a shared step is the first
  // persona's, and the second persona's cell is found by its own row id.
  const j = decodeJourney({
    ids: [4, 7], stage: ["A", "A"], step: ["Pay", "Payer"], personas: ["Camille", "Léo"], step_key: "step",
    lanes: [{ ...lane }], cells: [["slow", "lent"]],
  });

  const pain = j.lanes[0];

  it("a lane's cell and a step's name, for any row of the journey", () => {
    expect(editorFor(j, { type: "lane", id: 7, lane: pain }).spec.value).toBe("lent");
    expect(editorFor(j, { type: "lane", id: 4, lane: pain }).spec.value).toBe("slow");
    expect(editorFor(j, { type: "step", id: 7 }).spec.value).toBe("Payer");
    expect(editorFor(j, { type: "stage", stage: "A" }).spec.value).toBe("A");
  });

  it("empty for a row no longer in the journey", () => {
    expect(editorFor(j, { type: "lane", id: 99, lane: pain }).spec.value).toBe("");
    expect(editorFor(j, { type: "step", id: 99 }).spec.value).toBe("");
  });
});
