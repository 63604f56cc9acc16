// The emotion lane: an inline curve over every step; drag a point, type a value, or Alt+↑/↓.

import { el, svg } from "../../shared/dom";
import { formatEmotion, parseNumber } from "../../shared/format";
import { t, type Lang } from "../../shared/i18n";
import type { CellValue, LaneSpec } from "../../shared/wire";
import { COLUMN_WIDTH } from "../cells";
import { emotionAt, emotionCells, type EmotionCell } from "../layout";
import type { LaneHost, LaneModule } from "./types";

/** How far (px) from an emotion point a press still grabs it. */
const DRAG_REACH = 14;
/** Pixels per whole scale step: a drag moves one level per 16 px (coarser is hard to aim). */
const LEVEL_PX = 16;
/** Room above the top level and below the bottom one: the point and its label stay inside. */
export const EMOTION_PAD = 22;
const PAD = EMOTION_PAD;
export const DOT_RADIUS = 5;
const LABEL_SIZE = 11;

/** The lane's height for a scale: LEVEL_PX per level, within readable bounds. */
export function emotionHeight([lo, hi]: [number, number]): number {
  return Math.max(64, Math.min(240, 2 * PAD + LEVEL_PX * Math.max(1, hi - lo)));
}

/** The emotion an editor's text means, read in `lang` ("-1,5" in French): null for empty, NaN when it is not a number. */
export function parseEmotion(text: string, lang: Lang = "en"): number | null {
  return text.trim() === "" ? null : parseNumber(text, lang) ?? Number.NaN;
}

/** The value Alt+↑/↓ gives: one whole step from the current one (from neutral when empty). */
export function stepEmotion(now: CellValue, up: boolean, [lo, hi]: [number, number]): number {
  const base = typeof now === "number" && Number.isFinite(now) ? Math.round(now) : Math.min(hi, Math.max(lo, 0));
  return Math.max(lo, Math.min(hi, base + (up ? 1 : -1)));
}

function emotionContent(cell: EmotionCell, scale: [number, number], h: number, lang: Lang): Node[] {
  const w = COLUMN_WIDTH;
  const mid = w / 2;
  const zero = Math.min(scale[1], Math.max(scale[0], 0));
  const neutralY = PAD + ((scale[1] - zero) / (scale[1] - scale[0])) * (h - 2 * PAD);
  const parts: SVGElement[] = [svg("line", { class: "cjm-neutral", x1: 0, x2: w, y1: neutralY, y2: neutralY })];
  if (cell.y !== null) {
    const points = [
      cell.left !== null ? `0,${cell.left}` : null,
      `${mid},${cell.y}`,
      cell.right !== null ? `${w},${cell.right}` : null,
    ].filter((p): p is string => p !== null);
    if (points.length > 1) parts.push(svg("polyline", { class: "cjm-curve", points: points.join(" ") }));
    const tone = (cell.value ?? 0) > 0 ? "is-positive" : (cell.value ?? 0) < 0 ? "is-negative" : "is-neutral";
    parts.push(svg("circle", { class: `cjm-dot ${tone}`, cx: mid, cy: cell.y, r: DOT_RADIUS }));
    parts.push(svg("text", { class: "cjm-dot-label", x: mid, y: labelY(cell.y), "text-anchor": "middle" },
      document.createTextNode(formatEmotion(cell.value, lang))));
  }
  return [
    svg("svg", {
      class: "cjm-emotion", width: "100%", height: h, viewBox: `0 0 ${w} ${h}`,
      preserveAspectRatio: "none", "aria-hidden": "true",
    }, ...parts),
    el("span", { class: "cjm-sr" }, cell.value === null ? t(lang, "emotion.none") : t(lang, "emotion.value", { value: formatEmotion(cell.value, lang) })),
  ];
}

/**
 * The label's baseline: centred above the point, where the curve's segments (which leave the
 * point sideways) do not reach; below it only if a scale left too little room above.
 */
const labelY = (y: number) => (y - DOT_RADIUS - 4 - LABEL_SIZE >= 1 ? y - DOT_RADIUS - 4 : y + DOT_RADIUS + 3 + LABEL_SIZE);

/** The label's vertical extent (baseline minus the font size, baseline plus descent). */
export function labelBox(y: number): { top: number; bottom: number } {
  const base = labelY(y);
  return { top: base - LABEL_SIZE, bottom: base + 2 };
}

/** Move a dragged point (and its label) to where it would land, before Python confirms. */
function preview(cell: HTMLElement, value: number, scale: [number, number], h: number): void {
  const [p] = emotionCells([value], scale, h, PAD);
  if (p.y === null) return;
  cell.querySelector("circle.cjm-dot")?.setAttribute("cy", String(p.y));
  const label = cell.querySelector("text.cjm-dot-label");
  if (label) {
    label.setAttribute("y", String(labelY(p.y)));
    label.textContent = formatEmotion(value);
  }
}

/**
 * Press on the point, move, release. A click that does not move changes nothing; in a step
 * with no emotion yet, a click places the point.
 */
function drag(e: PointerEvent, cell: HTMLElement, point: EmotionCell | undefined, id: number,
  scale: [number, number], h: number, host: LaneHost): void {
  if (e.button !== 0) return;
  const top = cell.getBoundingClientRect().top;
  const startY = e.clientY - top;
  const placing = point?.y === null || point?.y === undefined;
  if (!placing && Math.abs(startY - point!.y!) > DRAG_REACH) return;
  e.preventDefault();
  const valueAt = (ev: PointerEvent) => emotionAt(ev.clientY - top, scale, h, PAD);
  let moved = false;
  const move = (ev: PointerEvent) => {
    if (Math.abs(ev.clientY - top - startY) > 3) moved = true;
    if (!moved) return;
    cell.classList.add("is-dragging");
    preview(cell, valueAt(ev), scale, h);
  };
  const up = (ev: PointerEvent) => {
    window.removeEventListener("pointermove", move);
    window.removeEventListener("pointerup", up);
    cell.classList.remove("is-dragging");
    if (!moved && !placing) return;
    const value = valueAt(ev);
    if (value !== point?.value) host.send({ kind: "set_emotion", id, value });
    else host.render();
  };
  window.addEventListener("pointermove", move);
  window.addEventListener("pointerup", up);
}

export const emotionLane: LaneModule = {
  prepare: ({ values, rows, scale, lang = "en", breaks }) => {
    const h = emotionHeight(scale);
    const curve = emotionCells(rows.map((r) => (typeof values[r] === "number" ? (values[r] as number) : null)), scale, h, PAD, breaks);
    return {
      cell: (col) => emotionContent(curve[col], scale, h, lang),
      cellStyle: `height: ${h}px`,
      // Alt+↑/↓ raise and lower (Alt acts on the step, as in the toolbar's shortcuts); every
      // printable key, - and + included, is left to the editor so that "-2" types -2.
      key: (e, col, id, host) => {
        if (!e.altKey || e.ctrlKey || e.metaKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return false;
        e.preventDefault();
        const sent = host.pending?.({ kind: "set_emotion", id, value: null });
        const now = sent !== undefined ? sent : values[rows[col]] ?? null;
        const value = stepEmotion(now, e.key === "ArrowUp", scale);
        if (value !== now) host.send({ kind: "set_emotion", id, value });
        return true;
      },
      pointerDown: (e, cell, col, id, host) => drag(e, cell, curve[col], id, scale, h, host),
    };
  },
  editor: (_lane: LaneSpec, value, lang = "en") => ({
    type: "input", value: value === null ? "" : String(value).replace(".", lang === "fr" ? "," : "."), numeric: true,
  }),
  op: (_lane, id, text, lang = "en") => {
    const value = parseEmotion(text, lang);
    if (value !== null && !Number.isFinite(value)) return t(lang, "emotion.refused", { text: text.trim() });
    return { kind: "set_emotion", id, value };
  },
  // A press drags the point; Enter opens the number editor.
  editOnDoubleClick: false,
};
