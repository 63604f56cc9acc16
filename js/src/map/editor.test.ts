import { describe, expect, it } from "vitest";
import type { LaneSpec } from "../shared/wire";
import { sentText, type Target } from "./editor";

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
