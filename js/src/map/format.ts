// Formatting of cell values for display (pure).

import type { CellValue, DtypeName } from "../shared/wire";

/** Numbers as people read them: thousands grouped, at most two decimals, no "-0". */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return "";
  const abs = Math.abs(v);
  const digits = Number.isInteger(v) ? 0 : abs >= 100 ? 1 : 2;
  const text = v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return text === "-0" ? "0" : text;
}

/** A signed emotion value: "+2", "0", "−1.5". */
export function formatEmotion(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return "";
  const text = formatNumber(Math.abs(v));
  return v > 0 ? `+${text}` : v < 0 ? `\u2212${text}` : "0";
}

/** A cell's value as the text an editor starts from. */
export function editText(v: CellValue): string {
  if (v === null) return "";
  return String(v);
}

export function displayText(v: CellValue, dtype: DtypeName): string {
  if (v === null) return "";
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (dtype === "date" && typeof v === "string") return v.replace("T", " ").replace(/ 00:00:00$/, "");
  return String(v);
}

/** Newline-separated items of a text lane, each shown as its own card. */
export function splitItems(text: CellValue): string[] {
  if (text === null) return [];
  return String(text)
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export const CHANNELS = ["web", "app", "store", "phone", "email", "chat", "social", "mail"] as const;
export type Channel = (typeof CHANNELS)[number];

const SYNONYMS: Record<string, Channel> = {
  web: "web", website: "web", site: "web", "web site": "web", online: "web", internet: "web",
  app: "app", "mobile app": "app", application: "app", mobile: "app", appli: "app",
  store: "store", shop: "store", boutique: "store", branch: "store", agence: "store", magasin: "store",
  phone: "phone", call: "phone", "call centre": "phone", "call center": "phone", telephone: "phone",
  "téléphone": "phone", hotline: "phone",
  email: "email", "e-mail": "email", courriel: "email",
  chat: "chat", "live chat": "chat", chatbot: "chat", messenger: "chat", whatsapp: "chat", sms: "chat",
  social: "social", "social media": "social", facebook: "social", instagram: "social",
  twitter: "social", linkedin: "social", tiktok: "social", "réseaux sociaux": "social",
  mail: "mail", post: "mail", letter: "mail", courrier: "mail", "postal mail": "mail",
};

/** The known channel a label names, if any. */
export function channelOf(label: string): Channel | null {
  return SYNONYMS[label.trim().toLowerCase()] ?? null;
}

/** Channel items: one per line, or comma-separated. */
export function channelItems(text: CellValue): string[] {
  return splitItems(text).flatMap((line) =>
    line.split(/\s*[,;]\s*/).filter((s) => s.length > 0),
  );
}

export const FLAG_LABELS: Record<string, string> = {
  "one-off": "One-off",
  "cross-journey": "Cross-journey",
};

/** Whether a flag lane's value marks a moment of truth, and of which kind. */
export function flagKind(v: CellValue): string | null {
  if (v === null || v === false || v === "") return null;
  if (v === true) return "moment";
  return String(v);
}
