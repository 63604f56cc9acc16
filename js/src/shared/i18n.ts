// The words the widgets show, in English and French: one dictionary per language keyed by
// message id, with `{name}` parameters filled by `t`. A view asks `lang(model)` which one
// it speaks, and draws its words again when `lang` changes.

/** The languages the widgets speak. */
export type Lang = "en" | "fr";

export const LANGS: readonly Lang[] = ["en", "fr"];

const EN = {
  "moment.title": "Moment of truth",
  "moment.title_kind": "Moment of truth: {kind}",
  "moment.one_off": "One-off",
  "moment.cross_journey": "Cross-journey",
  "value.yes": "yes",
  "value.no": "no",
  "number.refused": "“{text}” is not a number; write it like {example}.",
  "emotion.none": "no emotion",
  "emotion.value": "emotion {value}",
  "emotion.refused": "“{text}” is not a number on the emotion scale.",
  "priority.quadrant": "Quadrant: {name}",
  "priority.rank": "Priority rank {rank} (1 is acted on first)",
  "priority.refused": "'{text}' is not a priority of lane '{lane}'; use {hint}",
  "priority.rank_hint": "a whole number from 1 to {max}, or nothing",
  "priority.a_rank": "a rank",
  "quadrant.q1": "Concentrate here",
  "quadrant.q2": "Keep up the good work",
  "quadrant.q3": "Low priority",
  "quadrant.q4": "Possible overkill",
  "quadrant.q1_title": "Important, and performing poorly: act here first",
  "quadrant.q2_title": "Important, and performing well: keep it so",
  "quadrant.q3_title": "Less important, and performing poorly: fix when there is room",
  "quadrant.q4_title": "Less important, and performing well: effort may be better spent elsewhere",
  "lane.stage": "Stage",
  "lane.step": "Step",
  "lane.action": "Action",
  "lane.actions": "Actions",
  "lane.touchpoint": "Touchpoint",
  "lane.touchpoints": "Touchpoints",
  "lane.channel": "Channel",
  "lane.channels": "Channels",
  "lane.thought": "Thought",
  "lane.thoughts": "Thoughts",
  "lane.emotion": "Emotion",
  "lane.pain": "Pain",
  "lane.pains": "Pains",
  "lane.gain": "Gain",
  "lane.gains": "Gains",
  "lane.expectation": "Expectation",
  "lane.expectations": "Expectations",
  "lane.opportunity": "Opportunity",
  "lane.opportunities": "Opportunities",
  "lane.owner": "Owner",
  "lane.frontstage": "Frontstage",
  "lane.backstage": "Backstage",
  "lane.support": "Support",
  "lane.moment_of_truth": "Moment of truth",
  "lane.priority": "Priority",
  "lane.quadrant": "Quadrant",
  "lane.persona": "Persona",
  "map.name": "Journey map",
  "map.name_persona": "Journey map: {persona}",
  "edit.lane": "Edit {lane}",
  "edit.stage": "Stage name",
  "edit.step": "Step name",
  "keys.or": "or",
  "toolbar.insert": "Insert step",
  "toolbar.insert_title": "Insert a step after the current one",
  "toolbar.delete": "Delete step",
  "toolbar.delete_title": "Delete the current step",
  "toolbar.left": "◀ Move",
  "toolbar.left_title": "Move the current step left",
  "toolbar.right": "Move ▶",
  "toolbar.right_title": "Move the current step right",
  "toolbar.stage": "Add stage",
  "toolbar.stage_title": "Add a stage after the current step's stage",
  "toolbar.undo": "Undo",
  "toolbar.redo": "Redo",
  "toolbar.map": "Journey map tools",
  "map.empty": "This journey has no steps yet. Use “{add}” to start it.",
  "map.empty_persona": "Persona “{persona}” has no steps yet. Use “{add}” to start.",
  "words.labelled": "{title}: {text}",
  "priorities.label": "Priorities",
  "priorities.title": "The steps to act on first",
  "priorities.empty": "No step of this persona has a priority yet.",
  "priorities.heading": "Top priorities",
  "priorities.heading_persona": "Top priorities for {persona}",
  "present.stage": "Stage {n} of {total} · {name}",
  "present.cue_moment": "moment of truth",
  "present.cue_lowest": "lowest emotion",
  "present.cue_low": "low emotion",
  "present.title": "Present the map stage by stage, full screen",
  "present.leave": "{key} leaves",
  "present.label": "Present",
  "present.previous": "Previous stage",
  "present.next": "Next stage",
  "present.spotlight": "Spotlight: ",
  "image.too_large": "it is {width} × {height} px, too large for a PNG that can be read (its text would be drawn at {percent}%): save it as SVG, which keeps every step sharp",
  "image.no_canvas": "this browser gives no canvas to draw the PNG on",
  "image.no_encoding": "the browser could not encode the PNG",
  "image.save_svg": "Save as SVG",
  "image.save_png": "Save as PNG",
  "image.title": "Save an image of the whole widget",
  "image.label": "Image",
  "image.failed": "The {format} image could not be made: {why}",
  "page.read_only": "This page is read-only: edit the map in its notebook.",
  "page.not_drawn": "This {kind} could not be drawn ({error}).",
  "curve.name": "Emotion curve",
  "curve.key_missing": "no value yet (on the axis)",
  "curve.key_measured": "measured (n responses)",
  "curve.key_assumed": "assumed, no evidence",
  "curve.key_interval": "95% interval",
  "curve.key_ghost_assumed": "assumed line, where it differs",
  "curve.key_ghost_measured": "measured line, where it differs",
  "curve.no_value": "no value yet",
  "curve.value_measured": "{value} measured",
  "curve.value_assumed": "{value} assumed",
  "curve.highest": "highest: {step}",
  "curve.lowest": "lowest: {step}",
  "curve.assumed": "Assumed",
  "curve.measured": "Measured",
  "curve.line": "Line",
  "curve.tools": "Emotion curve tools",
  "journey.empty": "This journey has no steps yet.",
  "curve.plot_measured": "Emotion curve, measured line",
  "curve.plot_assumed": "Emotion curve, assumed line",
  "curve.locked": "{step} is measured (n = {n}); switch to the assumed line to edit the team's value.",
  "curve.interval": "{low} to {high}",
  "curve.tip_assumed": "assumed {value}",
  "curve.tip_measured": "measured {value}{interval} (n = {n})",
  "curve.tip_interval": ", 95% {interval}",
  "curve.tip_no_evidence": "no evidence at this step",
  "map.empty_image_persona": "This persona has no steps yet.",
  "history.nothing_undo": "Nothing to undo.",
  "history.nothing_redo": "Nothing to redo.",
  "refused.single": "'{value}' does not fit column '{column}': expected a single value",
  "refused.no_empty": "Column '{column}' cannot hold an empty value",
  "refused.category": "'{value}' does not fit column '{column}': allowed values are {allowed}",
  "refused.bool": "'{value}' does not fit column '{column}': expected yes or no",
  "refused.whole": "'{value}' does not fit column '{column}': expected a whole number",
  "refused.range": "'{value}' does not fit column '{column}': out of range {low}…{high}",
  "refused.too_large": "'{value}' does not fit column '{column}': the number is too large",
  "refused.number": "'{value}' does not fit column '{column}': expected a number",
  "refused.comma": "'{value}' does not fit column '{column}': write the number without a comma, or with a decimal point",
  "refused.duration": "'{value}' does not fit column '{column}': expected a duration",
  "refused.precision": "'{value}' does not fit column '{column}': times are kept to the microsecond",
  "refused.date": "'{value}' does not fit column '{column}': expected a date such as 2024-03-01",
  "refused.text": "'{value}' does not fit column '{column}': it is not text",
  "refused.dtype": "Column '{column}' cannot be edited in the map",
  "refused.stage_cell": "Rename a stage from its header, or move the step to another stage",
  "refused.step_name": "A step needs a name",
  "refused.step_exists": "Step '{step}' already exists in this journey",
  "refused.emotion_scale": "Emotion {value} is off the scale {low}…{high}",
  "refused.at_start": "The step is already at the start",
  "refused.at_end": "The step is already at the end",
  "refused.stage_name": "A stage needs a name",
  "refused.stage_exists": "Stage '{stage}' already exists",
  "refused.gone": "That step no longer exists (the table was changed meanwhile)",
  "emotion.positive": "positive",
  "emotion.negative": "negative",
  "emotion.neutral": "neutral",
  "table.title": "Read the whole map as a table",
  "table.label": "Table",
  "table.name": "Journey map as a table",
  "flow.graph": "Transitions between steps",
  "flow.steps": "Steps",
  "flow.threshold": "Hide transitions seen fewer than",
  "flow.shown": "{shown} of {total} transitions shown",
  "flow.forward": "forward",
  "flow.back": "back to an earlier step (dashed)",
  "flow.loop": "loop to itself (↻)",
  "flow.width": "width: how many",
  "flow.node": "{step}, {stage}: {into} in, {out} out",
  "flow.node_loop": "{step}, {stage}: {into} in, {out} out, ↻ {loop} loops",
  "flow.no_stage": "no stage",
  "flow.edge": "{from} → {to}: {count} transitions ({share} of those leaving {from})",
  "flow.edge_loop": "{from} ↻ again: {count} transitions ({share} of those leaving it)",
  "flow.median": "median wait {time}",
  "flow.empty": "No transitions to show.",
  "flow.hint": "Tab to a step, arrows to move, Enter to select: its transitions stand out.",
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
  "moment.title": "Moment de vérité",
  "moment.title_kind": "Moment de vérité : {kind}",
  "moment.one_off": "Ponctuel",
  "moment.cross_journey": "Transverse",
  "value.yes": "oui",
  "value.no": "non",
  "number.refused": "« {text} » n'est pas un nombre ; écrivez-le comme {example}.",
  "emotion.none": "aucune émotion",
  "emotion.value": "émotion {value}",
  "emotion.refused": "« {text} » n'est pas un nombre de l'échelle d'émotion.",
  "priority.quadrant": "Quadrant : {name}",
  "priority.rank": "Priorité de rang {rank} (on agit d'abord sur le 1)",
  "priority.refused": "« {text} » n'est pas une priorité de la ligne « {lane} » ; utilisez {hint}",
  "priority.rank_hint": "un nombre entier de 1 à {max}, ou rien",
  "priority.a_rank": "un rang",
  "quadrant.q1": "Concentrer les efforts ici",
  "quadrant.q2": "Maintenir les efforts",
  "quadrant.q3": "Faible priorité",
  "quadrant.q4": "Excès possible",
  "quadrant.q1_title": "Important, et peu performant : agir ici d'abord",
  "quadrant.q2_title": "Important, et performant : le rester",
  "quadrant.q3_title": "Moins important, et peu performant : à corriger quand il y a de la place",
  "quadrant.q4_title": "Moins important, et performant : l'effort serait peut-être mieux employé ailleurs",
  "lane.stage": "Phase",
  "lane.step": "Étape",
  "lane.action": "Action",
  "lane.actions": "Actions",
  "lane.touchpoint": "Point de contact",
  "lane.touchpoints": "Points de contact",
  "lane.channel": "Canal",
  "lane.channels": "Canaux",
  "lane.thought": "Pensée",
  "lane.thoughts": "Pensées",
  "lane.emotion": "Émotion",
  "lane.pain": "Irritant",
  "lane.pains": "Irritants",
  "lane.gain": "Point positif",
  "lane.gains": "Points positifs",
  "lane.expectation": "Attente",
  "lane.expectations": "Attentes",
  "lane.opportunity": "Opportunité",
  "lane.opportunities": "Opportunités",
  "lane.owner": "Responsable",
  "lane.frontstage": "Front-office",
  "lane.backstage": "Back-office",
  "lane.support": "Processus de support",
  "lane.moment_of_truth": "Moment de vérité",
  "lane.priority": "Priorité",
  "lane.quadrant": "Quadrant",
  "lane.persona": "Persona",
  "map.name": "Carte du parcours",
  "map.name_persona": "Carte du parcours : {persona}",
  "edit.lane": "Modifier {lane}",
  "edit.stage": "Nom de la phase",
  "edit.step": "Nom de l'étape",
  "keys.or": "ou",
  "toolbar.insert": "Insérer une étape",
  "toolbar.insert_title": "Insérer une étape après l'étape courante",
  "toolbar.delete": "Supprimer l'étape",
  "toolbar.delete_title": "Supprimer l'étape courante",
  "toolbar.left": "◀ Déplacer",
  "toolbar.left_title": "Déplacer l'étape courante vers la gauche",
  "toolbar.right": "Déplacer ▶",
  "toolbar.right_title": "Déplacer l'étape courante vers la droite",
  "toolbar.stage": "Ajouter une phase",
  "toolbar.stage_title": "Ajouter une phase après celle de l'étape courante",
  "toolbar.undo": "Annuler",
  "toolbar.redo": "Rétablir",
  "toolbar.map": "Outils de la carte du parcours",
  "map.empty": "Ce parcours n'a pas encore d'étape. Utilisez « {add} » pour le commencer.",
  "map.empty_persona": "Le persona « {persona} » n'a pas encore d'étape. Utilisez « {add} » pour commencer.",
  "words.labelled": "{title} : {text}",
  "priorities.label": "Priorités",
  "priorities.title": "Les étapes sur lesquelles agir d'abord",
  "priorities.empty": "Aucune étape de ce persona n'a encore de priorité.",
  "priorities.heading": "Priorités principales",
  "priorities.heading_persona": "Priorités principales pour {persona}",
  "present.stage": "Phase {n} sur {total} · {name}",
  "present.cue_moment": "moment de vérité",
  "present.cue_lowest": "émotion la plus basse",
  "present.cue_low": "émotion basse",
  "present.title": "Présenter la carte phase par phase, en plein écran",
  "present.leave": "{key} pour sortir",
  "present.label": "Présenter",
  "present.previous": "Phase précédente",
  "present.next": "Phase suivante",
  "present.spotlight": "À la une : ",
  "image.too_large": "elle mesure {width} × {height} px, trop pour un PNG lisible (son texte serait dessiné à {percent} %) : enregistrez-la en SVG, qui garde chaque étape nette",
  "image.no_canvas": "ce navigateur ne donne pas de canevas où dessiner le PNG",
  "image.no_encoding": "le navigateur n'a pas pu encoder le PNG",
  "image.save_svg": "Enregistrer en SVG",
  "image.save_png": "Enregistrer en PNG",
  "image.title": "Enregistrer une image du widget entier",
  "image.label": "Image",
  "image.failed": "L'image {format} n'a pas pu être faite : {why}",
  "page.read_only": "Cette page est en lecture seule : modifiez la carte dans son notebook.",
  "page.not_drawn": "Ce widget ({kind}) n'a pas pu être dessiné ({error}).",
  "curve.name": "Courbe des émotions",
  "curve.key_missing": "pas encore de valeur (sur l'axe)",
  "curve.key_measured": "mesurée (n réponses)",
  "curve.key_assumed": "supposée, sans preuve",
  "curve.key_interval": "intervalle à 95 %",
  "curve.key_ghost_assumed": "ligne supposée, là où elle diffère",
  "curve.key_ghost_measured": "ligne mesurée, là où elle diffère",
  "curve.no_value": "pas encore de valeur",
  "curve.value_measured": "{value} mesurée",
  "curve.value_assumed": "{value} supposée",
  "curve.highest": "plus haut : {step}",
  "curve.lowest": "plus bas : {step}",
  "curve.assumed": "Supposée",
  "curve.measured": "Mesurée",
  "curve.line": "Ligne",
  "curve.tools": "Outils de la courbe des émotions",
  "journey.empty": "Ce parcours n'a pas encore d'étape.",
  "curve.plot_measured": "Courbe des émotions, ligne mesurée",
  "curve.plot_assumed": "Courbe des émotions, ligne supposée",
  "curve.locked": "{step} est mesurée (n = {n}) : passez à la ligne supposée pour modifier la valeur de l'équipe.",
  "curve.interval": "de {low} à {high}",
  "curve.tip_assumed": "supposée {value}",
  "curve.tip_measured": "mesurée {value}{interval} (n = {n})",
  "curve.tip_interval": ", 95 % {interval}",
  "curve.tip_no_evidence": "aucune preuve à cette étape",
  "map.empty_image_persona": "Ce persona n'a pas encore d'étape.",
  "history.nothing_undo": "Rien à annuler.",
  "history.nothing_redo": "Rien à rétablir.",
  "refused.single": "« {value} » ne convient pas à la colonne « {column} » : une seule valeur est attendue",
  "refused.no_empty": "La colonne « {column} » ne peut pas rester vide",
  "refused.category": "« {value} » ne convient pas à la colonne « {column} » : les valeurs permises sont {allowed}",
  "refused.bool": "« {value} » ne convient pas à la colonne « {column} » : oui ou non est attendu",
  "refused.whole": "« {value} » ne convient pas à la colonne « {column} » : un nombre entier est attendu",
  "refused.range": "« {value} » ne convient pas à la colonne « {column} » : hors de l'intervalle {low}…{high}",
  "refused.too_large": "« {value} » ne convient pas à la colonne « {column} » : le nombre est trop grand",
  "refused.number": "« {value} » ne convient pas à la colonne « {column} » : un nombre est attendu",
  "refused.comma": "« {value} » ne convient pas à la colonne « {column} » : écrivez le nombre avec une virgule décimale, sans séparateur de milliers autre qu'une espace",
  "refused.duration": "« {value} » ne convient pas à la colonne « {column} » : une durée est attendue, comme 1 h 05 min 10 s",
  "refused.precision": "« {value} » ne convient pas à la colonne « {column} » : les heures sont gardées à la microseconde près",
  "refused.date": "« {value} » ne convient pas à la colonne « {column} » : une date est attendue, comme 01/03/2024",
  "refused.text": "« {value} » ne convient pas à la colonne « {column} » : ce n'est pas du texte",
  "refused.dtype": "La colonne « {column} » ne peut pas être modifiée dans la carte",
  "refused.stage_cell": "Renommez une phase depuis son en-tête, ou déplacez l'étape vers une autre phase",
  "refused.step_name": "Une étape doit avoir un nom",
  "refused.step_exists": "L'étape « {step} » existe déjà dans ce parcours",
  "refused.emotion_scale": "L'émotion {value} est hors de l'échelle {low}…{high}",
  "refused.at_start": "L'étape est déjà au début",
  "refused.at_end": "L'étape est déjà à la fin",
  "refused.stage_name": "Une phase doit avoir un nom",
  "refused.stage_exists": "La phase « {stage} » existe déjà",
  "refused.gone": "Cette étape n'existe plus (le tableau a changé entre-temps)",
  "emotion.positive": "positive",
  "emotion.negative": "négative",
  "emotion.neutral": "neutre",
  "table.title": "Lire toute la carte sous forme de tableau",
  "table.label": "Tableau",
  "table.name": "Carte du parcours sous forme de tableau",
  "flow.graph": "Transitions entre étapes",
  "flow.steps": "Étapes",
  "flow.threshold": "Masquer les transitions vues moins de",
  "flow.shown": "{shown} transitions affichées sur {total}",
  "flow.forward": "vers l’avant",
  "flow.back": "retour à une étape antérieure (tirets)",
  "flow.loop": "boucle sur elle-même (↻)",
  "flow.width": "épaisseur : combien",
  "flow.node": "{step}, {stage} : {into} entrées, {out} sorties",
  "flow.node_loop": "{step}, {stage} : {into} entrées, {out} sorties, ↻ {loop} boucles",
  "flow.no_stage": "sans phase",
  "flow.edge": "{from} → {to} : {count} transitions ({share} de celles quittant {from})",
  "flow.edge_loop": "{from} ↻ de nouveau : {count} transitions ({share} de celles qui la quittent)",
  "flow.median": "attente médiane {time}",
  "flow.empty": "Aucune transition à afficher.",
  "flow.hint": "Tab jusqu’à une étape, flèches pour se déplacer, Entrée pour la choisir : ses transitions ressortent.",
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

/**
 * The standard roles' columns (DESIGN.md's lanes) and the message id of their title. A lane
 * whose column is one of them and whose label is still the default (the column's name made a
 * title by Python: "moment_of_truth" is "Moment of truth") is shown with its title in the view's
 * language; a label the user chose is user text, shown as it is.
 */
const ROLE_TITLES: ReadonlyMap<string, MessageId> = new Map<string, MessageId>([
  ["stage", "lane.stage"], ["step", "lane.step"], ["action", "lane.action"], ["actions", "lane.actions"],
  ["touchpoint", "lane.touchpoint"], ["touchpoints", "lane.touchpoints"], ["channel", "lane.channel"],
  ["channels", "lane.channels"], ["thought", "lane.thought"], ["thoughts", "lane.thoughts"],
  ["emotion", "lane.emotion"], ["pain", "lane.pain"], ["pains", "lane.pains"], ["gain", "lane.gain"],
  ["gains", "lane.gains"], ["expectation", "lane.expectation"], ["expectations", "lane.expectations"],
  ["opportunity", "lane.opportunity"], ["opportunities", "lane.opportunities"], ["owner", "lane.owner"],
  ["frontstage", "lane.frontstage"], ["backstage", "lane.backstage"], ["support", "lane.support"],
  ["moment_of_truth", "lane.moment_of_truth"], ["priority", "lane.priority"], ["quadrant", "lane.quadrant"],
  ["persona", "lane.persona"],
]);

/** A lane's title in `lang`: a standard role's own title, else the lane's label as it is. */
export function laneTitle(lang: Lang, lane: { key: string; label: string }): string {
  const id = ROLE_TITLES.get(lane.key);
  return id !== undefined && lane.label === EN[id] ? t(lang, id) : lane.label;
}

/** Keys whose name on a French keyboard differs (the shortcut itself is the same key). */
const FR_KEYS: ReadonlyMap<string, string> = new Map([["Escape", "Échap"], ["Delete", "Suppr"], ["Backspace", "Retour arrière"],
  ["Insert", "Inser"], ["Control", "Ctrl"], ["Shift", "Maj"], ["Enter", "Entrée"]]);

/** A key's name as written on `lang`'s keyboards: "Escape" is "Échap" in French. */
export function keyName(lang: Lang, key: string): string {
  return (lang === "fr" ? FR_KEYS.get(key) : undefined) ?? key;
}

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
