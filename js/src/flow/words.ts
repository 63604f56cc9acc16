// The flow's own words, in English and French (the flow's view only; `{name}` parameters).

import type { Lang } from "../shared/i18n";

const EN = {
  graph: "Transitions between steps",
  steps: "Steps",
  threshold: "Hide transitions seen fewer than",
  shown: "{shown} of {total} transitions shown",
  forward: "forward",
  back: "back to an earlier step (dashed)",
  loop: "loop to itself (↻)",
  width: "width: how many",
  node: "{step}, {stage}: {into} in, {out} out",
  node_loop: "{step}, {stage}: {into} in, {out} out, ↻ {loop} loops",
  no_stage: "no stage",
  edge: "{from} → {to}: {count} transitions ({share} of those leaving {from})",
  edge_loop: "{from} ↻ again: {count} transitions ({share} of those leaving it)",
  median: "median wait {time}",
  empty: "No transitions to show.",
  hint: "Tab to a step, arrows to move, Enter to select: its transitions stand out.",
};

const FR: Record<keyof typeof EN, string> = {
  graph: "Transitions entre étapes",
  steps: "Étapes",
  threshold: "Masquer les transitions vues moins de",
  shown: "{shown} transitions affichées sur {total}",
  forward: "vers l’avant",
  back: "retour à une étape antérieure (tirets)",
  loop: "boucle sur elle-même (↻)",
  width: "épaisseur : combien",
  node: "{step}, {stage} : {into} entrées, {out} sorties",
  node_loop: "{step}, {stage} : {into} entrées, {out} sorties, ↻ {loop} boucles",
  no_stage: "sans phase",
  edge: "{from} → {to} : {count} transitions ({share} de celles quittant {from})",
  edge_loop: "{from} ↻ de nouveau : {count} transitions ({share} de celles qui la quittent)",
  median: "attente médiane {time}",
  empty: "Aucune transition à afficher.",
  hint: "Tab jusqu’à une étape, flèches pour se déplacer, Entrée pour la choisir : ses transitions ressortent.",
};

export type WordId = keyof typeof EN;

const WORDS = new Map<Lang, Readonly<Record<WordId, string>>>([["en", EN], ["fr", FR]]);

/** The flow's word `id` in `lang`, each `{name}` replaced by its parameter (as text). */
export function word(lang: Lang, id: WordId, params: ReadonlyMap<string, string | number> = new Map()): string {
  const text = (WORDS.get(lang) ?? EN)[id];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (params.has(name) ? String(params.get(name)) : whole));
}

/** A wait in the unit that reads best: "45 s", "12 min", "3.5 h", "2 d". */
export function duration(seconds: number, format: (v: number) => string): string {
  const units: [number, string][] = [[86400, "d"], [3600, "h"], [60, "min"]];
  for (const [size, unit] of units) if (Math.abs(seconds) >= size) return `${format(seconds / size)} ${unit}`;
  return `${format(seconds)} s`;
}
