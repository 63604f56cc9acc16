// Channel icons: 16×16 stroke paths, drawn with createElementNS (no markup strings); and the
// glyphs of the text lanes that play a role.

import type { MessageId } from "../shared/i18n";
import type { Channel } from "./lanes/channel";

export const ICON_PATHS: ReadonlyMap<Channel, readonly string[]> = new Map<Channel, string[]>([
  ["web", ["M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z", "M1.5 8h13", "M8 1.5c2.5 2.5 2.5 10.5 0 13", "M8 1.5c-2.5 2.5-2.5 10.5 0 13"]],
  ["app", ["M5 1.5h6a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-11a1 1 0 0 1 1-1z", "M7 12.5h2"]],
  ["store", ["M2 6.5h12v8H2z", "M1.5 6.5l2-4h9l2 4", "M6.5 14.5v-4h3v4"]],
  ["phone", ["M4 1.5l2.5 3-1.5 2c1 2 2.5 3.5 4.5 4.5l2-1.5 3 2.5-1.5 2.5c-5 0-11-6-11-11z"]],
  ["email", ["M1.5 3.5h13v9h-13z", "M1.5 3.5l6.5 5.5 6.5-5.5"]],
  ["chat", ["M2 2.5h12v8H7l-3.5 3v-3H2z"]],
  ["social", ["M4 8a1.8 1.8 0 1 0 0 .01", "M12 3.5a1.8 1.8 0 1 0 0 .01", "M12 12.5a1.8 1.8 0 1 0 0 .01", "M5.6 7.2l4.8-2.6", "M5.6 8.8l4.8 2.6"]],
  ["mail", ["M1.5 4.5h13v8h-13z", "M11 6.5h2v2h-2z", "M3 7h5", "M3 9.5h5"]],
]);

// Text lanes with a role (pains, gains, opportunities) wear a shape as well as a colour, so
// that the role reads without colour: the glyph is hidden from screen readers, which hear the
// lane's title instead, and its title names it for a pointer.

export type TextRole = "pain" | "gain" | "opportunity";

/** Each role's glyph, and its name's message id (shared/i18n.ts). */
export const ROLE_GLYPHS: ReadonlyMap<TextRole, { glyph: string; word: MessageId }> = new Map<TextRole, { glyph: string; word: MessageId }>([
  ["pain", { glyph: "\u25BC", word: "lane.pain" }],
  ["gain", { glyph: "\u25B2", word: "lane.gain" }],
  ["opportunity", { glyph: "\u25C6", word: "lane.opportunity" }],
]);

// The column names that mean each role, English and French, compared as roleKey gives them
// (Python's table/ranking.py TEXT_ROLES holds the same pain and opportunity names).
const ROLE_NAMES: ReadonlyMap<string, TextRole> = new Map<string, TextRole>([
  ...["pain", "pains", "pain point", "pain points", "painpoint", "painpoints", "douleur", "douleurs",
    "point de douleur", "points de douleur", "irritant", "irritants", "friction", "frictions"]
    .map((name): [string, TextRole] => [name, "pain"]),
  ...["gain", "gains", "gain point", "gain points", "benefit", "benefits", "delight", "delights",
    "benefice", "benefices", "point positif", "points positifs", "satisfaction", "satisfactions"]
    .map((name): [string, TextRole] => [name, "gain"]),
  ...["opportunity", "opportunities", "opportunite", "opportunites", "piste d amelioration",
    "pistes d amelioration", "amelioration", "ameliorations", "idea", "ideas", "idee", "idees"]
    .map((name): [string, TextRole] => [name, "opportunity"]),
]);

/** A column name as compared with ROLE_NAMES: no case, accents, underscores or apostrophes. */
export function roleKey(name: string): string {
  return name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[_\-'\u2019]/g, " ").split(/\s+/).filter(Boolean).join(" ");
}

/** The role a text lane plays, from its column's name or, failing that, its title. */
export function textRole(lane: { key: string; label: string }): TextRole | null {
  return ROLE_NAMES.get(roleKey(lane.key)) ?? ROLE_NAMES.get(roleKey(lane.label)) ?? null;
}
