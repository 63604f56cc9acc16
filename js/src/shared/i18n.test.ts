import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DICTIONARIES, baseLang, isMessageId, lang, speaking, t, type MessageId } from "./i18n";
import { undoneOf } from "./presence";
import { notice, refusal, undoneText, type ValueWords } from "./view";

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
    // A step named "{new}" or "{n}" is shown as named, not filled with another parameter.
    expect(t("en", "views.cell", { lane: "Pain", step: "{new}", old: "{n}", new: "b" })).toBe("Pain of \u201c{new}\u201d: {n} \u2192 b");
    expect(t("fr", "refused.step_exists", { step: "{step}" })).toBe("L'étape «\u202f{step}\u202f» existe déjà dans ce parcours");
    expect(t("en", "refused.step_exists", { step: "{n}", n: 3 })).toBe("Step '{n}' already exists in this journey");
  });

  it("leaves a parameter it is not given as it is", () => {
    expect(t("en", "refused.step_exists")).toBe("Step '{step}' already exists in this journey");
  });
});

describe("speaking", () => {
  /** A model that keeps its listeners, as anywidget's does, and says lang changed on demand. */
  function fakeModel() {
    const listeners = new Map<string, Set<() => void>>();
    return {
      listeners,
      on(e: string, f: () => void) { listeners.set(e, (listeners.get(e) ?? new Set()).add(f)); },
      off(e: string, f: () => void) { listeners.get(e)?.delete(f); },
      change(e: string) { for (const f of [...(listeners.get(e) ?? [])]) f(); },
      count: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
    };
  }

  it("builds the view again on a lang change, cleaning the old one once, and leaves no listener", () => {
    const model = fakeModel();
    const built: number[] = [];
    const cleaned: number[] = [];
    let n = 0;
    const stop = speaking(model, () => {
      const mine = ++n;
      built.push(mine);
      return () => { cleaned.push(mine); };
    });
    expect(built).toEqual([1]);
    expect(model.count()).toBe(1);
    model.change("change:lang");
    expect(built).toEqual([1, 2]);
    expect(cleaned).toEqual([1]);
    model.change("change:title"); // another trait: nothing rebuilt
    model.change("change:lang");
    expect(built).toEqual([1, 2, 3]);
    expect(cleaned).toEqual([1, 2]);
    stop();
    expect(cleaned).toEqual([1, 2, 3]);
    expect(model.count()).toBe(0);
    model.change("change:lang"); // after cleanup a change builds nothing
    expect(built).toEqual([1, 2, 3]);
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

  it("quotes the typed number with every digit, and int64 bounds exactly", () => {
    const whole = { code: "refused.whole", params: { value: 2.001, column: "visits" }, message: "m" };
    expect(refusal("fr", whole)).toBe("«\u202f2,001\u202f» ne convient pas à la colonne «\u202fvisits\u202f» : un nombre entier est attendu");
    const range = { code: "refused.range", params: { value: 1e19, column: "visits", low: "-9223372036854775808", high: "9223372036854775807" }, message: "m" };
    expect(refusal("fr", range)).toContain("hors de l'intervalle -9223372036854775808…9223372036854775807");
    expect(refusal("fr", range)).toContain("«\u202f10\u202f000\u202f000\u202f000\u202f000\u202f000\u202f000\u202f»");
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
    const undone = { type: "undone", view: "v1", redo: false, kind: "set_cell", step: "Payer", lane: "Pain", old: null, new: "lent" };
    expect(notice("fr", { notice: "Undone: set Pain of 'Payer'", undone })).toBe("Annulé : Pain de « Payer » : (vide) → lent");
    expect(notice("fr", { notice: "Redone: x", undone: { ...undone, redo: true } })).toMatch(/^Rétabli : /);
    expect(notice("en", { notice: "Undone: set Pain of 'Payer'", undone })).toBe("Undone: set Pain of 'Payer'");
  });
});

// -- completeness: no user-visible word outside the dictionaries -----------------------------

interface Fs {
  readFileSync(path: string, encoding: "utf8"): string;
  readdirSync(path: string, options: { recursive: true }): string[];
}
const fs = (globalThis as unknown as { process: { getBuiltinModule(id: string): unknown } })
  .process.getBuiltinModule("node:fs") as Fs;
const SRC = new URL("../", import.meta.url).pathname;

/** Key names and units that are the same in every language (what a shortcut or a unit says). */
const SAME_IN_EVERY_LANGUAGE = /^(Alt|Ctrl|Control|Shift|Meta|Escape|Enter|Tab|Insert|Delete|Backspace|Home|End|Page(Up|Down)|Arrow(Left|Right|Up|Down)|Key[A-Z]|SVG|PNG|min)$/;

/** Where a string literal is shown to a person: as text, a title, an accessible name… */
const VISIBLE_BEFORE = [
  /(textContent|innerText|title|placeholder|alt|nodeValue)\s*=\s*$/,
  /["']?(title|aria-label|aria-description|aria-roledescription|aria-valuetext|placeholder|alt|label|empty|heading|word)["']?\s*:\s*$/,
  /\b(say|textNode|createTextNode|Error|alert|textBlock|card)\(\s*$/,
  /setAttribute\(\s*"(aria-label|title|aria-valuetext|aria-description|placeholder|alt)"\s*,\s*$/,
];
/** A child of el()/svg(): a literal after the attributes object of the call it closes. */
const CHILD_BEFORE = /\b(el|svg)\(\s*"[\w-]+"\s*,\s*\{[^;]*?\}\s*,(?:[^;]*?,)?\s*$/s;

export interface Offence { file: string; line: number; text: string }

/** The user-visible string literals of a source that do not go through `t()`. */
export function untranslated(file: string, source: string): Offence[] {
  // Comments out (keeping lines), so that a commented example is not a literal.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "))
    .replace(/(^|[^:"'`\\])\/\/.*$/gm, (_, lead: string) => lead);
  const found: Offence[] = [];
  const literal = /"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
  for (let m = literal.exec(code); m; m = literal.exec(code)) {
    const body = m[0].slice(1, -1).replace(/\$\{[^}]*\}/g, " ").replace(/\\u[0-9A-Fa-f]{4}/g, " ");
    const words = (body.match(/[A-Za-zÀ-ÿ]{2,}/g) ?? []).filter((w) => !SAME_IN_EVERY_LANGUAGE.test(w));
    if (words.length === 0) continue;
    if (/^[a-z_]+(\.[\w${}]+)+$/.test(m[0].slice(1, -1))) continue; // a message id, for t()
    if (/^\s*:/.test(code.slice(m.index + m[0].length))) continue; // an object's key
    const before = code.slice(Math.max(0, m.index - 400), m.index);
    const near = before.slice(-120);
    // After a key, only a visible attribute's value is shown; elsewhere, text or a child.
    const visible = /:\s*$/.test(near) ? VISIBLE_BEFORE[1].test(near)
      : VISIBLE_BEFORE.some((re) => re.test(near)) || (CHILD_BEFORE.test(before) && !/^[a-z]+$/.test(body));
    if (visible) found.push({ file, line: code.slice(0, m.index).split("\n").length, text: m[0] });
  }
  return found;
}

describe("every word the views show", () => {
  it("finds a word written into the DOM outside the dictionary (the check can fail)", () => {
    const source = [
      'const b = el("button", { type: "button", title: "Save the map" }, "Save");',
      'node.textContent = `Step ${n} of ${total}`;',
      'this.say("Nothing to save.");',
      'box.setAttribute("aria-label", "Journey map");',
      'const ok = el("span", { class: "cjm-key" }, t(lang, "curve.line"), " (Alt+L)");',
      '// el("span", {}, "a comment is not shown")',
    ].join("\n");
    expect(untranslated("x.ts", source).map((o) => o.text)).toEqual([
      '"Save the map"', '"Save"', "`Step ${n} of ${total}`", '"Nothing to save."', '"Journey map"',
    ]);
  });

  it("goes through t(): no source of the bundle writes a word of its own", () => {
    const files = fs.readdirSync(SRC, { recursive: true })
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith("i18n.ts"));
    expect(files.length).toBeGreaterThan(30);
    const offences = files.flatMap((f) => untranslated(f, fs.readFileSync(SRC + f, "utf8")));
    expect(offences.map((o) => `${o.file}:${o.line} ${o.text}`)).toEqual([]);
  });
});

describe("refusals of an undo, and conflicts, in the view's language", () => {
  it("says the undo of a deletion or of a new stage in French, from its code", () => {
    const deletion = { code: "refused.undo_delete", params: {}, message: "a deletion can be undone only while it is the latest edit, and others have edited since; nothing changed" };
    expect(refusal("fr", deletion)).toBe("Une suppression ne peut être annulée que tant qu'elle est la dernière modification, et d'autres ont modifié depuis ; rien n'a changé");
    expect(refusal("en", deletion)).toBe(deletion.message);
    expect(refusal("fr", { ...deletion, code: "refused.undo_stage" })).toMatch(/^L'ajout d'une phase ne peut être annulé/);
    expect(refusal("fr", { code: "refused.move_back", params: { step: "Payer" }, message: "m" })).toBe("L'étape «\u202fPayer\u202f» ne peut pas être remise à sa place ; rien n'a changé");
  });

  it("words a conflict's values in the view's language even without its lanes, never as the wire holds them", () => {
    const msg = { code: "conflict", params: { current: "1.5", yours: "3.0" }, message: "pain of step 'Pay' was changed meanwhile to 1.5", conflict: { on: "cell", current: 1.5, yours: 3, id: 1, column: "visits" } };
    expect(refusal("fr", msg)).toBe("Modifié entre-temps dans une autre vue : on y lit maintenant « 1,5 » ; le vôtre : « 3 ».");
    // In English too: Python's words quote the wire ("3.0").
    expect(refusal("en", msg)).toBe("Changed meanwhile in another view: it now reads “1.5”; yours: “3”.");
    expect(refusal("fr", { ...msg, code: "conflict.undo" })).toContain("l'annulation y remettrait « 3 »");
    expect(refusal("en", { ...msg, code: "conflict.undo" })).toContain("undoing would put back “3”");
    // A conflict on a step names no value: Python's words stay in English.
    expect(refusal("en", { code: "conflict.step", message: "that step was changed", conflict: { on: "step", current: null, yours: null } })).toBe("that step was changed");
    const words: ValueWords = (column, v) => `${String(column)}=${String(v)}`;
    expect(refusal("en", msg, words)).toBe("Changed meanwhile in another view: it now reads “visits=1.5”; yours: “visits=3”.");
  });

  it("names an undone cell's lane by its head's title, and its values in the lane's words", () => {
    const undone = { type: "undone", view: "b", redo: false, kind: "set_cell", step: "Lire un avis", lane: "Gain", column: "gain", old: "Clair", new: null, text: "x" };
    const u = undoneOf(undone)!;
    expect(undoneText("fr", u)).toBe("Annulé dans une autre vue : Point positif de « Lire un avis » : Clair → (vide)");
    expect(undoneText("en", u)).toBe("Undone in another view: Gain of “Lire un avis”: Clair → (empty)");
    // A label the user chose is theirs, in every language.
    expect(undoneText("fr", { ...u, lane: "Ce qui plaît" })).toContain("Ce qui plaît de « Lire un avis »");
    expect(notice("fr", { notice: "Undone: x", undone })).toBe("Annulé : Point positif de « Lire un avis » : Clair → (vide)");
    const emotion = undoneOf({ ...undone, lane: "Emotion", column: "emotion", old: 1.5, new: -2 })!;
    expect(undoneText("fr", emotion)).toBe("Annulé dans une autre vue : Émotion de « Lire un avis » : 1,5 → -2");
    expect(undoneText("fr", emotion, (_c, v) => `[${String(v)}]`)).toContain("[1.5] → [-2]");
  });
});
