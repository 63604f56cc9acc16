// Formatting of cell values for display (pure).

import { formatNumber } from "../shared/format";
import type { CellValue, DtypeName } from "../shared/wire";

export { FLAG_LABELS, flagKind, formatEmotion, formatNumber } from "../shared/format";

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
