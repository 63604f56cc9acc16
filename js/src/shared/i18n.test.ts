import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DICTIONARIES, baseLang, isMessageId, lang, t, type MessageId } from "./i18n";
import { notice, refusal } from "./view";

const model = (value: unknown) => ({ get: (name: string) => (name === "lang" ? value : undefined) });
const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the dictionaries", () => {
  const en = DICTIONARIES.get("en")!;
  const fr = DICTIONARIES.get("fr")!;

  it("have the same ids and the same {params} for each", () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const id of Object.keys(en) as MessageId[]) {
      expect(params(fr[id]), id).toEqual(params(en[id]));
      expect(fr[id].trim(), id).not.toBe("");
      expect(en[id].trim(), id).not.toBe("");
    }
  });

  it("say something different in French for most words", () => {
    const same = (Object.keys(en) as MessageId[]).filter((id) => en[id] === fr[id]);
    expect(same.length).toBeLessThan(Object.keys(en).length / 5);
  });
});

describe("t", () => {
  it("fills parameters once, leaving a value's own braces alone", () => {
    expect(t("en", "status.rejected")).toBe("The edit was rejected.");
    expect(t("fr", "status.rejected")).toBe("La modification a été refusée.");
  });
});

describe("lang", () => {
  // What JupyterLab sets from its language setting: <html lang="fr-FR">.
  const page = { documentElement: { lang: "" } };
  beforeEach(() => { vi.stubGlobal("document", page); });
  afterEach(() => { vi.unstubAllGlobals(); page.documentElement.lang = ""; });

  it("reads a tag's base language", () => {
    expect(baseLang("fr-FR")).toBe("fr");
    expect(baseLang("en_GB")).toBe("en");
    expect(baseLang("FR")).toBe("fr");
    expect(baseLang("de")).toBeNull();
    expect(baseLang(null)).toBeNull();
    expect(baseLang("")).toBeNull();
  });

  it("takes the widget's lang, else the page's (JupyterLab's setting), else English", () => {
    expect(lang(model("fr"))).toBe("fr");
    expect(lang(model(null))).toBe("en");
    page.documentElement.lang = "fr-FR";
    expect(lang(model(null))).toBe("fr");
    expect(lang(model("auto"))).toBe("fr");
    expect(lang(model("en"))).toBe("en");
    page.documentElement.lang = "de-DE";
    expect(lang(model(null))).toBe("en");
  });
});

describe("refusal", () => {
  it("says a known code in French, keeps Python's words in English and for unknown codes", () => {
    const msg = { code: "refused.step_exists", params: { step: "Payer" }, message: "step 'Payer' already exists in this journey" };
    expect(refusal("fr", msg)).toBe("L'étape «\u202fPayer\u202f» existe déjà dans ce parcours");
    expect(refusal("en", msg)).toBe(msg.message);
    expect(refusal("en", { code: "refused.step_exists", params: { step: "Payer" } })).toBe("Step 'Payer' already exists in this journey");
    expect(refusal("fr", { code: "no.such.code", message: "nope" })).toBe("nope");
    expect(refusal("fr", { code: "toString", message: "nope" })).toBe("nope");
    expect(refusal("fr", {})).toBe("La modification a été refusée.");
    expect(isMessageId("__proto__")).toBe(false);
  });

  it("writes number params in the language, and ignores params that are not text or numbers", () => {
    const msg = { code: "refused.emotion_scale", params: { value: 3.5, low: -3, high: 3, extra: { x: 1 } }, message: "m" };
    expect(refusal("fr", msg)).toBe("L'émotion 3,5 est hors de l'échelle -3…3");
    expect(refusal("fr", { code: "refused.step_exists", params: { step: { toString: "x" } }, message: "m" }))
      .toBe("L'étape «\u202f{step}\u202f» existe déjà dans ce parcours");
  });

  it("says undo's notices in French when Python gave them a code", () => {
    expect(notice("fr", { notice: "Nothing to undo.", notice_code: "history.nothing_undo" })).toBe("Rien à annuler.");
    expect(notice("en", { notice: "Nothing to undo.", notice_code: "history.nothing_undo" })).toBe("Nothing to undo.");
    expect(notice("fr", { notice: "Undone: x" })).toBe("Undone: x");
  });
});
