// Builders for the content of one map cell, per lane kind. Text goes in as text nodes.

import { el, svg } from "../shared/dom";
import type { CellValue, LaneSpec } from "../shared/wire";
import {
  channelItems,
  channelOf,
  displayText,
  FLAG_LABELS,
  flagKind,
  formatEmotion,
  splitItems,
} from "./format";
import { ICON_PATHS } from "./icons";
import { barGeometry, type EmotionCell } from "./layout";

export const EMOTION_HEIGHT = 64;
export const COLUMN_WIDTH = 168;
export const HEAD_WIDTH = 112;

export function textContent(v: CellValue, lane: LaneSpec): Node[] {
  if (lane.dtype !== "text") return [el("span", { class: "cjm-value" }, displayText(v, lane.dtype))];
  return splitItems(v).map((item) => el("div", { class: "cjm-card" }, item));
}

export function channelContent(v: CellValue): Node[] {
  return channelItems(v).map((label) => {
    const channel = channelOf(label);
    const icon = channel
      ? svg(
          "svg",
          { class: `cjm-icon cjm-icon-${channel}`, viewBox: "0 0 16 16", width: 16, height: 16, "aria-hidden": "true" },
          ...ICON_PATHS[channel].map((d) => svg("path", { d })),
        )
      : null;
    return el("span", { class: "cjm-channel", "data-channel": channel ?? "other" }, icon, el("span", {}, label));
  });
}

export function numberContent(v: CellValue, lane: LaneSpec, extent: [number, number]): Node[] {
  if (typeof v !== "number") return [];
  const { left, width } = barGeometry(v, extent);
  const bar = el("div", { class: "cjm-bar" + (v < 0 ? " is-negative" : ""), "aria-hidden": "true" });
  bar.style.left = `${(left * 100).toFixed(2)}%`;
  bar.style.width = `${(width * 100).toFixed(2)}%`;
  return [el("div", { class: "cjm-bar-track" }, bar), el("span", { class: "cjm-value" }, displayText(v, lane.dtype))];
}

export function flagContent(v: CellValue): Node[] {
  const kind = flagKind(v);
  if (kind === null) return [];
  const label = kind === "moment" ? "Moment of truth" : FLAG_LABELS[kind] ?? kind;
  return [el("span", { class: "cjm-flag", "data-flag": kind }, "\u2605 ", label)];
}

export function emotionContent(cell: EmotionCell, scale: [number, number]): Node[] {
  const w = COLUMN_WIDTH;
  const h = EMOTION_HEIGHT;
  const mid = w / 2;
  const zero = Math.min(scale[1], Math.max(scale[0], 0));
  const neutralY = 8 + ((scale[1] - zero) / (scale[1] - scale[0])) * (h - 16);
  const parts: SVGElement[] = [
    svg("line", { class: "cjm-neutral", x1: 0, x2: w, y1: neutralY, y2: neutralY }),
  ];
  if (cell.y !== null) {
    const points = [
      cell.left !== null ? `0,${cell.left}` : null,
      `${mid},${cell.y}`,
      cell.right !== null ? `${w},${cell.right}` : null,
    ].filter((p): p is string => p !== null);
    if (points.length > 1) parts.push(svg("polyline", { class: "cjm-curve", points: points.join(" ") }));
    const tone = (cell.value ?? 0) > 0 ? "is-positive" : (cell.value ?? 0) < 0 ? "is-negative" : "is-neutral";
    parts.push(svg("circle", { class: `cjm-dot ${tone}`, cx: mid, cy: cell.y, r: 5 }));
    const above = cell.y > 20;
    parts.push(
      svg("text", { class: "cjm-dot-label", x: mid + 9, y: above ? cell.y - 6 : cell.y + 14 }, document.createTextNode(formatEmotion(cell.value))),
    );
  }
  return [
    svg("svg", {
      class: "cjm-emotion", width: "100%", height: h, viewBox: `0 0 ${w} ${h}`,
      preserveAspectRatio: "none", "aria-hidden": "true",
    }, ...parts),
    el("span", { class: "cjm-sr" }, cell.value === null ? "no emotion" : `emotion ${formatEmotion(cell.value)}`),
  ];
}
