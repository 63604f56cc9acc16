// The flow's words (in shared/i18n.ts with every other word) and its waits.

import { t, type Lang, type MessageId } from "../shared/i18n";

/** The flow's words: message ids "flow.<id>" of shared/i18n.ts, where every word lives. */
export type WordId = FlowWord extends `flow.${infer Id}` ? Id : never;
type FlowWord = Extract<MessageId, `flow.${string}`>;

/** The flow's word `id` in `lang`, each `{name}` replaced by its parameter (as text). */
export function word(lang: Lang, id: WordId, params: ReadonlyMap<string, string | number> = new Map()): string {
  return t(lang, `flow.${id}` as FlowWord, Object.fromEntries(params));
}

/** A wait in the unit that reads best: "45 s", "12 min", "3.5 h", "2 d" ("2 j" in French). */
export function duration(seconds: number, format: (v: number) => string, lang: Lang = "en"): string {
  const units: [number, string][] = [[86400, lang === "fr" ? "j" : "d"], [3600, "h"], [60, "min"]];
  for (const [size, unit] of units) if (Math.abs(seconds) >= size) return `${format(seconds / size)} ${unit}`;
  return `${format(seconds)} s`;
}
