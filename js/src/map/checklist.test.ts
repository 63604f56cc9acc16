import { describe, expect, it } from "vitest";
import { checksHeading, checksMessage, checksShortcut, decodeChecks } from "./checklist";

const item = (over: Record<string, unknown> = {}) => ({
  severity: "warning", rule: "pain_without_owner", id: 7, persona: "Camille", stage: "Achat", step: "Paie",
  message: "L’étape « Paie » a un irritant", ...over,
});

describe("decodeChecks", () => {
  it("is null until Python has found the findings", () => {
    expect(decodeChecks(null)).toBeNull();
    expect(decodeChecks(undefined)).toBeNull();
    expect(decodeChecks({ lang: "fr" })).toBeNull();
    expect(decodeChecks("x")).toBeNull();
  });

  it("reads items, keeps user text as it is and drops malformed ones", () => {
    const checks = decodeChecks({
      lang: "fr",
      items: [
        item(),
        item({ id: null, persona: null, stage: null, step: null, severity: "error", rule: "no_persona" }),
        item({ message: 42 }),
        null,
        item({ severity: "<script>", step: "__proto__" }),
      ],
    });
    expect(checks?.lang).toBe("fr");
    expect(checks?.items.map((i) => [i.severity, i.id, i.step])).toEqual([
      ["warning", 7, "Paie"],
      ["error", null, null],
      ["info", 7, "__proto__"],
    ]);
  });

  it("reads an empty list as nothing missing", () => {
    expect(decodeChecks({ lang: "en", items: [] })).toEqual({ lang: "en", items: [] });
  });
});

describe("checksHeading", () => {
  it("counts each severity, in order", () => {
    const checks = decodeChecks({ items: [item({ severity: "info" }), item(), item({ severity: "error" }), item()] });
    expect(checksHeading(checks, "en")).toBe("Method checks: 1 error, 2 warnings, 1 note");
    expect(checksHeading(checks, "fr")).toBe("Contrôles de méthode : 1 erreur, 2 avertissements, 1 remarque");
  });

  it("says when it is waiting and when nothing is left", () => {
    expect(checksHeading(null, "en")).toMatch(/checking/);
    expect(checksHeading(decodeChecks({ items: [] }), "en")).toBe("Method checks");
  });
});

describe("checksMessage and checksShortcut", () => {
  it("reads Python's open and close requests only", () => {
    expect(checksMessage({ type: "checks_panel", on: true, lang: "fr" })).toEqual({ on: true, lang: "fr" });
    expect(checksMessage({ type: "checks_panel", on: false, lang: null })).toEqual({ on: false, lang: null });
    expect(checksMessage({ type: "checks_panel", on: "yes" })).toBeNull();
    expect(checksMessage({ type: "present", on: true })).toBeNull();
  });

  it("is Alt+K by the key's place", () => {
    const key = { altKey: true, ctrlKey: false, metaKey: false, code: "KeyK" };
    expect(checksShortcut(key)).toBe(true);
    expect(checksShortcut({ ...key, ctrlKey: true })).toBe(false);
    expect(checksShortcut({ ...key, code: "KeyJ" })).toBe(false);
  });
});
