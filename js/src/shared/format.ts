// Number, date, emotion and moment-of-truth formatting shared by the widgets (pure), in the
// view's language: "1,276.5" in English, "1 276,5" in French (Intl's narrow no-break space).

import { t, type Lang } from "./i18n";
import type { CellValue } from "./wire";

// Built once per language and decimals: creating a number format per call (toLocaleString)
// costs far more than using one.
const LOCALES = new Map<Lang, string>([["en", "en-US"], ["fr", "fr-FR"]]);
// Keyed by a number, not a composed string: formatting runs per drawn cell.
const FORMATS = new Map<number, Intl.NumberFormat>();

/** The number format of `lang` with `min`…`max` decimals (0…20 each). */
export function numberFormat(lang: Lang, min: number, max: number): Intl.NumberFormat {
  const key = (lang === "fr" ? 1024 : 0) + min * 32 + max;
  let f = FORMATS.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES.get(lang), { minimumFractionDigits: min, maximumFractionDigits: max });
    FORMATS.set(key, f);
  }
  return f;
}

/** A formatted number that rounds to zero loses its sign: "-0", "-0,0" are "0", "0,0". */
export function unsignedZero(text: string): string {
  return text.charCodeAt(0) === 45 && /^-0([.,]0*)?$/.test(text) ? text.slice(1) : text;
}

/** Numbers as people read them: thousands grouped, at most two decimals, no "-0". */
export function formatNumber(v: number, lang: Lang = "en"): string {
  if (!Number.isFinite(v)) return "";
  if (Number.isInteger(v) && Math.abs(v) < 1000) return v === 0 ? "0" : String(v);
  const digits = Number.isInteger(v) ? 0 : Math.abs(v) >= 100 ? 1 : 2;
  return unsignedZero(numberFormat(lang, 0, digits).format(v));
}

/** A signed emotion value: "+2", "0", "−1.5" ("−1,5" in French). */
export function formatEmotion(v: number | null, lang: Lang = "en"): string {
  if (v === null || !Number.isFinite(v)) return "";
  const text = formatNumber(Math.abs(v), lang);
  return v > 0 ? `+${text}` : v < 0 ? `\u2212${text}` : "0";
}

// Spaces people put between thousands: a space, a no-break space, a narrow no-break space
// (what Intl writes in French), a thin space.
const SPACES = /[ \u00A0\u202F\u2009]/;
const GROUPED = (sep: string) => new RegExp(`^\\d{1,3}(?:${sep}\\d{3})+$`);
const SPACED = GROUPED("[ \\u00A0\\u202F\\u2009]");
const COMMAS = GROUPED(",");

/**
 * A number as a person types it in `lang`, or null when the text is not one. French: a
 * decimal comma ("850,5", "-1,5"; so "1,276" is 1.276), a decimal point also taken when there
 * is no comma ("850.5"), spaces between thousands ("1 276,5"). English: a decimal point,
 * commas or spaces between thousands ("1,276.5"). Both: a leading + − or -, an exponent.
 * Thousands must come in threes ("1 27" is refused: it is no number anyone writes).
 */
export function parseNumber(text: string, lang: Lang = "en"): number | null {
  const m = /^([+\-\u2212]?)\s*([\d ,.\u00A0\u202F\u2009]*\d(?:[.,]\d*)?)([eE][+-]?\d+)?$/.exec(text.trim());
  if (!m) return null;
  const [, sign, body, exponent = ""] = m;
  const decimal = lang === "fr" ? (body.includes(",") ? "," : ".") : ".";
  if (lang === "fr" && body.includes(",") && body.includes(".")) return null;
  const at = body.lastIndexOf(decimal);
  if (at !== body.indexOf(decimal)) return null; // two decimal marks
  const whole = at < 0 ? body : body.slice(0, at);
  const fraction = at < 0 ? "" : body.slice(at + 1);
  if (!/^\d*$/.test(fraction) || (whole === "" && fraction === "")) return null;
  const groups = lang === "en" && whole.includes(",") ? COMMAS : SPACED;
  if (!/^\d*$/.test(whole) && !groups.test(whole)) return null;
  if (lang === "en" && whole.includes(",") && SPACES.test(whole)) return null;
  const value = Number(`${whole.replace(/\D/g, "") || "0"}.${fraction || "0"}${exponent}`);
  if (!Number.isFinite(value)) return null;
  return sign === "-" || sign === "\u2212" ? 0 - value || 0 : value; // "-0" is 0
}

/**
 * A date or time as Python sends it (ISO) in `lang`'s order: "2026-01-02 14:30:00" in English,
 * "02/01/2026 14:30:00" in French; midnight is left out. Anything else is shown as it is.
 */
export function formatDate(iso: string, lang: Lang = "en"): string {
  const text = iso.replace("T", " ").replace(/ 00:00:00$/, "");
  const m = lang === "fr" ? /^(\d{4})-(\d{2})-(\d{2})(.*)$/.exec(text) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}${m[4]}` : text;
}

/**
 * A date typed in French order ("02/01/2026", "2/1/2026 14:30", "02/01/2026 14h30") as ISO
 * text, which Python reads unambiguously; any other text is returned as typed.
 */
export function dateInput(text: string, lang: Lang = "en"): string {
  if (lang !== "fr") return text;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return text;
  const [, d, mo, y, h, mi, s] = m;
  const pad = (v: string) => v.padStart(2, "0");
  const day = `${y}-${pad(mo)}-${pad(d)}`;
  return h === undefined ? day : `${day} ${pad(h)}:${mi}:${s ?? "00"}`;
}

/** The kinds of moment of truth with a label of their own, and its message id (a Map: user
 * text is never a key). */
export const MOMENT_LABELS: ReadonlyMap<string, "moment.one_off" | "moment.cross_journey"> = new Map([
  ["one-off", "moment.one_off"],
  ["cross-journey", "moment.cross_journey"],
] as const);

/** The kinds with a label of their own and their labels in `lang`: [["one-off", "One-off"], …]. */
export function momentChoices(lang: Lang = "en"): [string, string][] {
  return [...MOMENT_LABELS].map(([kind, id]) => [kind, t(lang, id)]);
}

/** A moment of truth's kind as people read it: "One-off", or the kind itself when unknown. */
export function momentLabel(kind: string, lang: Lang = "en"): string {
  if (kind === "moment") return t(lang, "moment.title");
  const id = MOMENT_LABELS.get(kind);
  return id === undefined ? kind : t(lang, id);
}

/** Whether a moment-of-truth value marks one, and of which kind ("moment": a plain yes). */
export function momentKind(v: CellValue): string | null {
  if (v === null || v === false || v === "") return null;
  if (v === true) return "moment";
  return String(v);
}

/** The title of a step's moment-of-truth mark. */
export function momentTitle(kind: string, lang: Lang = "en"): string {
  return kind === "moment" ? t(lang, "moment.title") : t(lang, "moment.title_kind", { kind: momentLabel(kind, lang) });
}
