// The words the widgets show, in English and French: one dictionary per language keyed by
// message id, with `{name}` parameters filled by `t`. A view asks `lang(model)` which one
// it speaks, and draws its words again when `lang` changes.

/** The languages the widgets speak. */
export type Lang = "en" | "fr";

export const LANGS: readonly Lang[] = ["en", "fr"];

const EN = {
  "status.no_answer": "Python has not answered yet: the kernel may be busy, or this widget is not "
    + "running in it (a saved notebook reopened: run its cell again to edit). Nothing is saved until it answers.",
  "status.rejected": "The edit was rejected.",
  "status.dismiss": "Dismiss message",
  "status.dismiss_title": "Dismiss",
  "checks.label": "Checks",
  "checks.title": "What the map still lacks, by the method's rules",
  "checks.empty": "Nothing is missing: the map passes every method check.",
  "checks.heading": "Method checks",
  "checks.heading.counts": "Method checks: {counts}",
  "checks.waiting": "Method checks: checking\u2026",
  "checks.error": "Error",
  "checks.warning": "Warning",
  "checks.info": "Note",
  "checks.count.error.one": "{n} error",
  "checks.count.error.other": "{n} errors",
  "checks.count.warning.one": "{n} warning",
  "checks.count.warning.other": "{n} warnings",
  "checks.count.info.one": "{n} note",
  "checks.count.info.other": "{n} notes",
} as const;

/** A message's id: every id has an English and a French text. */
export type MessageId = keyof typeof EN;

const FR: Record<MessageId, string> = {
  "status.no_answer": "Python n'a pas encore répondu : le noyau est peut-être occupé, ou ce widget "
    + "ne s'y exécute pas (un notebook enregistré rouvert : exécutez de nouveau sa cellule pour modifier). "
    + "Rien n'est enregistré avant sa réponse.",
  "status.rejected": "La modification a été refusée.",
  "status.dismiss": "Fermer le message",
  "status.dismiss_title": "Fermer",
  "checks.label": "Contrôles",
  "checks.title": "Ce qui manque encore à la carte, selon les règles de la méthode",
  "checks.empty": "Rien ne manque : la carte passe tous les contrôles de méthode.",
  "checks.heading": "Contrôles de méthode",
  "checks.heading.counts": "Contrôles de méthode : {counts}",
  "checks.waiting": "Contrôles de méthode : vérification\u2026",
  "checks.error": "Erreur",
  "checks.warning": "Avertissement",
  "checks.info": "Remarque",
  "checks.count.error.one": "{n} erreur",
  "checks.count.error.other": "{n} erreurs",
  "checks.count.warning.one": "{n} avertissement",
  "checks.count.warning.other": "{n} avertissements",
  "checks.count.info.one": "{n} remarque",
  "checks.count.info.other": "{n} remarques",
};

/** Both dictionaries, for the tests that compare them. */
export const DICTIONARIES: ReadonlyMap<Lang, Readonly<Record<MessageId, string>>> = new Map<Lang, Record<MessageId, string>>([
  ["en", EN],
  ["fr", FR],
]);

export type Params = Readonly<Record<string, string | number>>;

/** The text of message `id` in `lang`, its `{name}` parameters filled once (a value's own braces stay). */
export function t(lang: Lang, id: MessageId, params: Params = {}): string {
  const text = (lang === "fr" ? FR : EN)[id];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole);
}

/** Whether `id` (e.g. a refusal code sent by Python) is a message id. */
export function isMessageId(id: unknown): id is MessageId {
  return typeof id === "string" && Object.prototype.hasOwnProperty.call(EN, id);
}

/** "fr" or "en" from a language tag ("fr-FR", "en_GB", "FR"); null for anything else. */
export function baseLang(tag: unknown): Lang | null {
  if (typeof tag !== "string") return null;
  const base = tag.trim().replace("_", "-").split("-")[0].toLowerCase();
  return base === "fr" || base === "en" ? base : null;
}

/**
 * The page's language: JupyterLab 4 sets `<html lang>` from its language setting
 * (Settings > Language, e.g. "fr-FR") once its translations load; an exported page
 * writes its own. English when neither says French or English.
 */
export function pageLang(): Lang {
  return (typeof document !== "undefined" ? baseLang(document.documentElement.lang) : null) ?? "en";
}

/** The language a widget's view speaks: its `lang` trait ("fr", "en"), else the page's. */
export function lang(model: { get(name: string): unknown }): Lang {
  return baseLang(model.get("lang")) ?? pageLang();
}

/**
 * Start a view, and start it again in the new language when `lang` changes (its words are
 * drawn once, at construction and render); returns anywidget's cleanup.
 */
export function speaking(model: { on(e: string, f: () => void): void; off(e: string, f: () => void): void },
  start: () => () => void): () => void {
  let stop = start();
  const again = (): void => {
    stop();
    stop = start();
  };
  model.on("change:lang", again);
  return () => {
    model.off("change:lang", again);
    stop();
  };
}
