// Channel lanes: one item per line or comma, with an icon for the channels people name most.

import { el, svg } from "../../shared/dom";
import type { CellValue } from "../../shared/wire";
import { splitItems } from "../format";
import { ICON_PATHS } from "../icons";
import { dtypeEditor, setTextOp } from "./common";
import { byCell, type LaneModule } from "./types";

export const CHANNELS = ["web", "app", "store", "phone", "email", "chat", "social", "mail"] as const;
export type Channel = (typeof CHANNELS)[number];

// A Map: the label is user text, and "constructor" must find nothing.
const SYNONYMS: ReadonlyMap<string, Channel> = new Map<string, Channel>(Object.entries({
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
}) as [string, Channel][]);

/** The known channel a label names, if any. */
export function channelOf(label: string): Channel | null {
  return SYNONYMS.get(label.trim().toLowerCase()) ?? null;
}

/** Channel items: one per line, or comma-separated. */
export function channelItems(text: CellValue): string[] {
  return splitItems(text).flatMap((line) => line.split(/\s*[,;]\s*/).filter((s) => s.length > 0));
}

export function channelContent(v: CellValue): Node[] {
  return channelItems(v).map((label) => {
    const channel = channelOf(label);
    const paths = channel ? ICON_PATHS.get(channel) ?? [] : [];
    const icon = channel
      ? svg("svg", { class: `cjm-icon cjm-icon-${channel}`, viewBox: "0 0 16 16", width: 16, height: 16, "aria-hidden": "true" },
          ...paths.map((d) => svg("path", { d })))
      : null;
    return el("span", { class: "cjm-channel", "data-channel": channel ?? "other" }, icon, el("span", {}, label));
  });
}

export const channelLane: LaneModule = {
  prepare: ({ values, rows }) => ({ cell: (col) => channelContent(values[rows[col]] ?? null) }),
  editor: dtypeEditor,
  op: setTextOp,
  editOnDoubleClick: true,
  redraws: byCell,
};
