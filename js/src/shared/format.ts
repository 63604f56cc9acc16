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

/** A signed emotion value: "+2", "0", "−1.5" ("−1,5" in French); one that rounds to 0 is "0". */
export function formatEmotion(v: number | null, lang: Lang = "en"): string {
  if (v === null || !Number.isFinite(v)) return "";
  const text = formatNumber(Math.abs(v), lang);
  if (text === "0") return "0";
  return v > 0 ? `+${text}` : `\u2212${text}`;
}

/**
 * A number with every digit it has (the shortest text that reads back as it), grouped and
 * pointed as `lang` writes it: what a refusal quotes, where 2.001 must not read "2".
 */
export function exactNumber(v: number, lang: Lang = "en"): string {
  return Number.isFinite(v) ? unsignedZero(numberFormat(lang, 0, 20).format(v)) : String(v);
}

// Spaces people put between thousands: a space, a no-break space, a narrow no-break space
// (what Intl writes in French), a thin space.
const SPACES = /[ \u00A0\u202F\u2009]/;
// A first group of 1 to 3 digits not starting with 0: "0,500" and "00 500" group nothing.
const GROUPED = (sep: string) => new RegExp(`^[1-9]\\d{0,2}(?:${sep}\\d{3})+$`);
const SPACED = GROUPED("[ \\u00A0\\u202F\\u2009]");
const COMMAS = GROUPED(",");

// "1.276": one and a bit in English, maybe 1276 in French, where the point is no decimal mark
// (and groups thousands in numbers copied from German, Spanish or Italian text).
const POINT_THOUSANDS = /^[1-9]\d{0,2}\.\d{3}$/;

/**
 * A number as a person types it in `lang`, or null when the text is not one. French: a
 * decimal comma ("850,5", "-1,5"; so "1,276" is 1.276), a decimal point also taken when there
 * is no comma ("850.5"), spaces between thousands ("1 276,5"). English: a decimal point,
 * commas or spaces between thousands ("1,276.5"). Both: a leading + − or -, an exponent.
 * Thousands must come in threes after a first group that does not start with 0 ("1 27", and
 * "0,500" in English, are refused: no one writes them). In French a point followed by exactly three
 * digits ("1.276") is refused: it may mean 1276 (see POINT_THOUSANDS).
 */
export function parseNumber(text: string, lang: Lang = "en"): number | null {
  const m = /^([+\-\u2212]?)\s*([\d ,.\u00A0\u202F\u2009]*\d(?:[.,]\d*)?)([eE][+-]?\d+)?$/.exec(text.trim());
  if (!m) return null;
  const [, sign, body, exponent = ""] = m;
  const decimal = lang === "fr" ? (body.includes(",") ? "," : ".") : ".";
  if (lang === "fr" && body.includes(",") && body.includes(".")) return null;
  if (lang === "fr" && exponent === "" && POINT_THOUSANDS.test(body)) return null;
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

// ISO as Python writes it (isoformat) or a person types it: read by Python as it is.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
// Day and month in either order, then the year (2 or 4 digits), the same separator between
// them; a time after a space, a comma or "à": 14:30, 14:30:05, 14h30, 14h, 2:30 pm.
const TYPED_DATE = new RegExp("^(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})"
  + "(?:(?:\\s*,\\s*|\\s+à\\s+|\\s+)(\\d{1,2})(?:[:h](\\d{2})(?::(\\d{2}))?|h)\\s*([ap]\\.?m\\.?)?)?$", "i");
// The year first, then month and day: no order to guess.
const YEAR_FIRST = /^(\d{4})([/.])(\d{1,2})\2(\d{1,2})$/;

const pad2 = (v: number) => String(v).padStart(2, "0");

/** `y-m-d h:mi:s` as ISO text, or null when no such day or time exists. */
function isoDate(y: number, mo: number, d: number, time: [number, number, number] | null): string | null {
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate(); // month mo's last day
  if (mo < 1 || mo > 12 || d < 1 || d > days) return null;
  const day = `${String(y).padStart(4, "0")}-${pad2(mo)}-${pad2(d)}`;
  if (time === null) return day;
  const [h, mi, s] = time;
  return h > 23 || mi > 59 || s > 59 ? null : `${day} ${pad2(h)}:${pad2(mi)}:${pad2(s)}`;
}

/**
 * A date typed in `lang`'s order as ISO text, which Python reads without guessing: day first
 * in French ("03/01/2026", "3-1-26", "03.01.2026 14h30", "03/01/2026, 14:30"), month first in
 * English ("1/3/2026 2:30 pm"), a year of two digits taken as Python's %y does (69 → 1969,
 * 26 → 2026). ISO text and "" (an emptied cell) are sent as they are; null for any other text.
 */
export function dateInput(text: string, lang: Lang = "en"): string | null {
  const typed = text.trim();
  if (typed === "" || ISO_DATE.test(typed)) return typed;
  const first = YEAR_FIRST.exec(typed);
  if (first) return isoDate(Number(first[1]), Number(first[3]), Number(first[4]), null);
  const m = TYPED_DATE.exec(typed);
  if (!m) return null;
  const [, a, , b, year, hour, minute, second, half] = m;
  const [d, mo] = lang === "fr" ? [a, b] : [b, a];
  const yy = Number(year);
  const y = year.length === 2 ? (yy < 69 ? 2000 + yy : 1900 + yy) : yy;
  if (hour === undefined) return isoDate(y, Number(mo), Number(d), null);
  let h = Number(hour);
  if (half !== undefined) {
    if (lang === "fr" || h < 1 || h > 12) return null; // "14:30 pm", or am/pm in French
    h = (h % 12) + (half[0].toLowerCase() === "p" ? 12 : 0);
  }
  return isoDate(y, Number(mo), Number(d), [h, Number(minute ?? 0), Number(second ?? 0)]);
}

/** Why typed text is not a date, with one written in `lang`'s order (the 3rd of January). */
export function dateRefusal(text: string, lang: Lang): string {
  return t(lang, "date.refused", { text: text.trim(), example: lang === "fr" ? "03/01/2026" : "1/3/2026" });
}

/**
 * Why typed text is not a number, with one written as `lang` writes it; in French a point
 * before three digits is asked to be written either way it may mean.
 */
export function numberRefusal(text: string, lang: Lang): string {
  const typed = text.trim();
  const point = lang === "fr" ? /^([+\-\u2212]?)\s*(\d+)\.(\d{3})$/.exec(typed) : null;
  if (point && POINT_THOUSANDS.test(`${point[2]}.${point[3]}`)) {
    const [, sign, whole, part] = point;
    return t(lang, "number.point_thousands", { text: typed, thousands: `${sign}${whole}\u202F${part}`, decimal: `${sign}${whole},${part}` });
  }
  return t(lang, "number.refused", { text: typed, example: lang === "fr" ? "1 276,5" : "1,276.5" });
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
