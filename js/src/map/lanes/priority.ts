// Priority lanes (wire kind "priority"): a badge per step, "#1" for a rank (the top three stand
// out) or a coloured quadrant of importance–performance, named and explained in its title.

import { el } from "../../shared/dom";
import { formatNumber } from "../../shared/format";
import { t, type Lang, type MessageId } from "../../shared/i18n";
import type { CellValue, EditOp, LaneSpec } from "../../shared/wire";
import { byCell, type EditorSpec, type LaneModule } from "./types";

/** What a badge shows: its text, its tone (a colour in map.css) and its title. */
export interface Badge {
  text: string;
  tone: string;
  title: string;
}

/** Ranks up to this one stand out. */
export const TOP_RANKS = 3;

/**
 * The rank typed text means, as Python's rank_of reads it: digits, optionally after "#"
 * ("2", "#2", " # 2 "), from 1 to `maxRank` (the lane's max_rank, sent by Python); null for
 * empty text, NaN for anything else.
 */
export function readRank(text: string, maxRank: number): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const match = /^#?\s*([0-9]+)$/.exec(trimmed);
  if (!match) return Number.NaN;
  const digits = match[1].replace(/^0+/, "");
  const rank = digits.length > String(maxRank).length ? Number.NaN : Number(digits);
  return rank >= 1 && rank <= maxRank ? rank : Number.NaN;
}

/** The quadrants Python names (QUADRANTS), with their label's and meaning's message ids. */
const QUADRANT_WORDS: ReadonlyMap<string, [MessageId, MessageId]> = new Map<string, [MessageId, MessageId]>([
  ["concentrate here", ["quadrant.q1", "quadrant.q1_title"]],
  ["keep up the good work", ["quadrant.q2", "quadrant.q2_title"]],
  ["low priority", ["quadrant.q3", "quadrant.q3_title"]],
  ["possible overkill", ["quadrant.q4", "quadrant.q4_title"]],
]);

/** A quadrant's name as a badge writes it: "Concentrate here" ("Concentrer les efforts ici"). */
export function quadrantLabel(name: string, lang: Lang = "en"): string {
  const words = QUADRANT_WORDS.get(name);
  return words ? t(lang, words[0]) : name.charAt(0).toUpperCase() + name.slice(1);
}

/** The badge of a priority value, null for none. Quadrants take their tone from their place. */
export function priorityBadge(lane: LaneSpec, v: CellValue, lang: Lang = "en"): Badge | null {
  if (lane.priority === "quadrant") {
    if (typeof v !== "string" || v === "") return null;
    const quadrants = lane.quadrants ?? [];
    const at = quadrants.findIndex(([name]) => name === v);
    const text = quadrantLabel(v, lang);
    const words = QUADRANT_WORDS.get(v);
    return at < 0
      ? { text, tone: "other", title: t(lang, "priority.quadrant", { name: text }) }
      : { text, tone: `q${at + 1}`, title: `${text}${lang === "fr" ? "\u00A0:" : ":"} ${words ? t(lang, words[1]) : quadrants[at][1]}` };
  }
  if (typeof v !== "number" || !Number.isFinite(v)) return null;
  return {
    text: `#${formatNumber(v, lang)}`,
    tone: v <= TOP_RANKS ? "top" : "rank",
    title: t(lang, "priority.rank", { rank: formatNumber(v, lang) }),
  };
}

export function badgeNode(badge: Badge): HTMLSpanElement {
  return el("span", { class: "cjm-priority", "data-tone": badge.tone, title: badge.title }, badge.text);
}

export function priorityContent(lane: LaneSpec, v: CellValue, lang: Lang = "en"): Node[] {
  const badge = priorityBadge(lane, v, lang);
  return badge ? [badgeNode(badge)] : [];
}

/** A rank is typed; a quadrant is picked (or none). */
export function priorityEditor(lane: LaneSpec, value: CellValue, lang: Lang = "en"): EditorSpec {
  if (lane.priority === "quadrant") {
    const choices = (lane.quadrants ?? []).map(([name]): [string, string] => [name, quadrantLabel(name, lang)]);
    const known = choices.some(([name]) => name === value);
    return { type: "select", choices: [["", "\u2014"], ...choices], value: known ? String(value) : "" };
  }
  return { type: "input", value: typeof value === "number" ? String(value) : "", numeric: true };
}

/**
 * A rank is read here as Python reads it (see readRank) and sent as a number, or refused in
 * Python's words; a quadrant is sent as picked, for Python to read. Empty clears the cell.
 */
export function priorityOp(lane: LaneSpec, id: number, text: string, lang: Lang = "en"): EditOp | string {
  const value = text.trim();
  if (lane.priority === "quadrant") return { kind: "set_cell", id, column: lane.key, value: value === "" ? null : value };
  // A lane from an older wire lacks the limit: any whole number goes to Python, which checks it.
  const rank = readRank(value, lane.max_rank ?? Number.MAX_SAFE_INTEGER);
  if (rank !== null && Number.isNaN(rank)) {
    const hint = lang === "en" && lane.rank_hint !== undefined ? lane.rank_hint
      : lane.max_rank !== undefined ? t(lang, "priority.rank_hint", { max: formatNumber(lane.max_rank, lang) })
        : t(lang, "priority.a_rank");
    return t(lang, "priority.refused", { text: value, lane: lane.key, hint });
  }
  return { kind: "set_cell", id, column: lane.key, value: rank };
}

export const priorityLane: LaneModule = {
  prepare: ({ lane, values, rows, lang }) => ({ cell: (col) => priorityContent(lane, values[rows[col]] ?? null, lang) }),
  editor: priorityEditor,
  op: priorityOp,
  editOnDoubleClick: true,
  redraws: byCell,
};
