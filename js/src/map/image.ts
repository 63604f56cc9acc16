// The whole map of one persona as a standalone SVG: every step (not only the window the view
// draws), each lane's cells as its kind shows them, in the theme's colours. Written as text
// with every user string escaped (shared/image.ts), so it is pure and testable in node.

import { formatEmotion, momentKind, momentLabel } from "../shared/format";
import { lang as langOf, laneTitle, t, type Lang } from "../shared/i18n";
import {
  canvasMeasure, readTheme, svgDocument, tag, titleOf, wrapText, xmlText,
  type Markup, type Measure, type SvgImage, type Theme,
} from "../shared/image";
import type { WidgetModel } from "../shared/model";
import type { CellValue, Journey, LaneSpec } from "../shared/wire";
import { LINE_ROW, lineImage, linesBefore } from "./blueprint";
import { COLUMN_WIDTH, HEAD_WIDTH } from "./cells";
import { trackLabel, type CompareLayout } from "./compare";
import { displayText, splitItems } from "./format";
import { ICON_PATHS } from "./icons";
import { barGeometry, emotionCells, layoutMap, type Column } from "./layout";
import { channelItems, channelOf } from "./lanes/channel";
import { EMOTION_PAD, DOT_RADIUS, emotionHeight, labelBox } from "./lanes/emotion";
import { formatLaneNumber, numberExtent } from "./lanes/number";
import { priorityBadge, type Badge } from "./lanes/priority";

export interface MapImageInput {
  journey: Journey;
  persona: string | null;
  title: string;
  /** Shown under the title (may span lines). */
  description?: string;
  theme: Theme;
  measure: Measure;
  /** The language of the image's words and numbers (English when not given). */
  lang?: Lang;
  /** Shown under the description instead of the persona's name (a track's name). */
  subtitle?: string;
}

/** Room around the map, in a cell, and between the cards of a cell. */
const MARGIN = 16;
const PAD = 6;
const GAP = 4;
const FONT = 13;
const SMALL = 11;
const LINE = 17;
const TITLE = 20;
/** A lane row is never lower than this. */
const MIN_ROW = 30;
const TEXT_WIDTH = COLUMN_WIDTH - 2 * PAD;

/** What one cell or lane title draws: its height, and its markup placed at (x, y). */
interface Block {
  height: number;
  draw(x: number, y: number): Markup[];
}

const EMPTY: Block = { height: 0, draw: () => [] };

interface Paint {
  theme: Theme;
  measure: Measure;
  lang: Lang;
}

/** Lines of text, the first baseline a line's ascent below `y`. */
function lines(texts: string[], x: number, y: number, attrs: Record<string, string | number>, lineHeight = LINE): Markup {
  const size = Number(attrs["font-size"] ?? FONT);
  return tag("text", { x, y: y + size, ...attrs },
    ...texts.map((t, i) => tag("tspan", { x, dy: i === 0 ? 0 : lineHeight }, xmlText(t))));
}

function textBlock(text: string, p: Paint, width = TEXT_WIDTH, colour = p.theme.fg, bold = false): Block {
  const wrapped = wrapText(text, width, p.measure, FONT, bold);
  if (wrapped.length === 1 && wrapped[0] === "") return EMPTY;
  return {
    height: wrapped.length * LINE,
    draw: (x, y) => [lines(wrapped, x, y, { "font-size": FONT, fill: colour, "font-weight": bold ? 600 : 400 })],
  };
}

/** Blocks one under another, GAP apart. */
function stack(blocks: Block[]): Block {
  const shown = blocks.filter((b) => b.height > 0);
  if (shown.length === 0) return EMPTY;
  return {
    height: shown.reduce((h, b) => h + b.height, 0) + GAP * (shown.length - 1),
    draw: (x, y) => {
      let top = y;
      return shown.flatMap((b) => {
        const out = b.draw(x, top);
        top += b.height + GAP;
        return out;
      });
    },
  };
}

/** A text item as the map's card: a bordered box around wrapped text. */
function card(text: string, p: Paint): Block {
  const inner = textBlock(text, p, TEXT_WIDTH - 2 * PAD);
  const height = inner.height + 4;
  return {
    height,
    draw: (x, y) => [
      tag("rect", { x, y, width: TEXT_WIDTH, height, rx: 4, fill: p.theme.card, stroke: p.theme.border }),
      ...inner.draw(x + PAD, y + 2),
    ],
  };
}

function channelItem(label: string, p: Paint): Block {
  const channel = channelOf(label);
  const paths = channel ? ICON_PATHS.get(channel) ?? [] : [];
  const indent = paths.length > 0 ? 20 : 0;
  const text = textBlock(label, p, TEXT_WIDTH - indent);
  return {
    height: Math.max(LINE, text.height),
    draw: (x, y) => [
      ...(paths.length > 0 ? [tag("g", {
        transform: `translate(${x} ${y})`, fill: "none", stroke: p.theme.fg, "stroke-width": 1.3,
        "stroke-linecap": "round", "stroke-linejoin": "round",
      }, ...paths.map((d) => tag("path", { d }))) ] : []),
      ...text.draw(x + indent, y),
    ],
  };
}

function numberBlock(v: CellValue, lane: LaneSpec, extent: [number, number], p: Paint): Block {
  if (typeof v !== "number" || !Number.isFinite(v)) return EMPTY;
  const { left, width } = barGeometry(v, extent);
  const value = textBlock(formatLaneNumber(v, lane.format, p.lang), p);
  return {
    height: 12 + value.height,
    draw: (x, y) => [
      tag("rect", { x, y: y + 3, width: TEXT_WIDTH, height: 6, rx: 3, fill: p.theme.bgAlt }),
      tag("rect", {
        x: x + left * TEXT_WIDTH, y: y + 3, width: width * TEXT_WIDTH, height: 6, rx: 3,
        fill: v < 0 ? p.theme.negative : p.theme.accent,
      }),
      ...value.draw(x, y + 12),
    ],
  };
}

const momentColour = (kind: string, theme: Theme) => (kind === "cross-journey" ? theme.negative : theme.warn);

function momentBlock(v: CellValue, p: Paint): Block {
  const kind = momentKind(v);
  if (kind === null) return EMPTY;
  return textBlock(`\u2605 ${momentLabel(kind, p.lang)}`, p, TEXT_WIDTH, momentColour(kind, p.theme), true);
}

/** The badge's colour, as map.css gives each tone. */
function toneColour(tone: string, theme: Theme): string {
  switch (tone) {
    case "top": return theme.accent;
    case "q1": return theme.negative;
    case "q2": return theme.positive;
    case "q4": return theme.warn;
    case "rank": case "q3": return theme.fgMuted;
    default: return theme.border;
  }
}

function badgeBlock(badge: Badge, p: Paint): Block {
  const top = badge.tone === "top";
  const size = top ? 14 : FONT;
  const wrapped = wrapText(badge.text, TEXT_WIDTH - 20, p.measure, size, true);
  const width = Math.min(TEXT_WIDTH, Math.max(...wrapped.map((t) => p.measure(t, size, true))) + 18);
  const height = wrapped.length * LINE + 4;
  const tone = toneColour(badge.tone, p.theme);
  // The tone over the background, as the map's color-mix() does.
  const tint = badge.tone === "rank" ? 0 : top ? 0.32 : 0.18;
  return {
    height,
    draw: (x, y) => [
      tag("rect", { x, y, width, height, rx: Math.min(10, height / 2), fill: p.theme.bg }),
      tag("rect", {
        x, y, width, height, rx: Math.min(10, height / 2), fill: tone, "fill-opacity": tint,
        stroke: tone, "stroke-width": top ? 2 : 1,
      }),
      lines(wrapped, x + 9, y + 2 - (size - FONT), { "font-size": size, "font-weight": 600, fill: p.theme.fg }),
    ],
  };
}

/** How one lane kind draws a cell (a Map: the kind is the wire's text). */
type CellPainter = (v: CellValue, lane: LaneSpec, p: Paint, extent: [number, number]) => Block;

const textCell: CellPainter = (v, lane, p) => (lane.dtype === "text"
  ? stack(splitItems(v).map((item) => card(item, p)))
  : textBlock(displayText(v, lane.dtype, p.lang), p));

const CELLS = new Map<string, CellPainter>([
  ["text", textCell],
  ["channel", (v, _lane, p) => stack(channelItems(v).map((item) => channelItem(item, p)))],
  ["number", (v, lane, p, extent) => numberBlock(v, lane, extent, p)],
  ["moment", (v, _lane, p) => momentBlock(v, p)],
  ["priority", (v, lane, p) => {
    const badge = priorityBadge(lane, v, p.lang);
    return badge ? badgeBlock(badge, p) : EMPTY;
  }],
]);

/** A lane row: its height, and its markup given the row's top and height. */
interface Row {
  height: number;
  draw(top: number, height: number): Markup[];
}

function cellRow(lane: LaneSpec, values: CellValue[], columns: Column[], left: number, p: Paint): Row {
  const painter = CELLS.get(lane.kind) ?? textCell;
  const extent = lane.kind === "number" ? numberExtent(lane, values) : ([0, 0] as [number, number]);
  const blocks = columns.map((c) => painter(values[c.row] ?? null, lane, p, extent));
  return {
    height: Math.max(0, ...blocks.map((b) => b.height)) + 2 * PAD,
    draw: (top) => blocks.flatMap((b, i) => b.draw(left + i * COLUMN_WIDTH + PAD, top + PAD)),
  };
}

/** The emotion lane: one curve over every step, points on the lane's scale with their values. */
function emotionRow(values: CellValue[], columns: Column[], scale: [number, number], left: number, p: Paint): Row {
  const h = emotionHeight(scale);
  const cells = emotionCells(columns.map((c) => (typeof values[c.row] === "number" ? (values[c.row] as number) : null)), scale, h, EMOTION_PAD);
  const yOf = (v: number) => emotionCells([v], scale, h, EMOTION_PAD)[0].y ?? 0;
  const neutral = yOf(Math.min(scale[1], Math.max(scale[0], 0)));
  return {
    height: h,
    draw: (top) => {
      const x = (i: number) => left + (i + 0.5) * COLUMN_WIDTH;
      const out: Markup[] = [tag("line", {
        x1: left, x2: left + columns.length * COLUMN_WIDTH, y1: top + neutral, y2: top + neutral,
        stroke: p.theme.border, "stroke-dasharray": "3 3",
      })];
      // One line per run of steps with a value: a step without one breaks the curve.
      let run: string[] = [];
      const flush = () => {
        if (run.length > 1) out.push(tag("polyline", { points: run.join(" "), fill: "none", stroke: p.theme.fgMuted, "stroke-width": 2 }));
        run = [];
      };
      cells.forEach((c, i) => (c.y === null ? flush() : run.push(`${x(i).toFixed(1)},${(top + c.y).toFixed(1)}`)));
      flush();
      cells.forEach((c, i) => {
        if (c.y === null || c.value === null) return;
        const fill = c.value > 0 ? p.theme.positive : c.value < 0 ? p.theme.negative : p.theme.fgMuted;
        out.push(tag("circle", { cx: x(i), cy: top + c.y, r: DOT_RADIUS, fill, stroke: p.theme.bg, "stroke-width": 1.5 }));
        out.push(tag("text", {
          x: x(i), y: top + labelBox(c.y).bottom - 2, "text-anchor": "middle", "font-size": SMALL, fill: p.theme.fgMuted,
        }, xmlText(formatEmotion(c.value, p.lang))));
      });
      return out;
    },
  };
}

/** The scale's ends and neutral, by the emotion lane's title. */
function scaleMarks(scale: [number, number], right: number, top: number, p: Paint): Markup[] {
  const h = emotionHeight(scale);
  const marks = [...new Set([scale[1], Math.min(scale[1], Math.max(scale[0], 0)), scale[0]])];
  return marks.map((v) => tag("text", {
    x: right - PAD, y: top + (emotionCells([v], scale, h, EMOTION_PAD)[0].y ?? 0) + 4, "text-anchor": "end",
    "font-size": SMALL - 1, fill: p.theme.fgMuted,
  }, xmlText(formatEmotion(v, p.lang))));
}

/** The ★ of each step's moments of truth, from every moment lane, in its colour. */
function stepMarks(j: Journey, column: Column): string[] {
  const kinds: string[] = [];
  j.lanes.forEach((lane, i) => {
    if (lane.kind !== "moment") return;
    const kind = momentKind(j.cells[i]?.[column.row] ?? null);
    if (kind !== null) kinds.push(kind);
  });
  return kinds;
}

/** The whole map of `persona` (every step) as an SVG image. */
export function mapImage({ journey: j, persona, title, description = "", theme, measure, lang = "en", subtitle }: MapImageInput): SvgImage {
  const p: Paint = { theme, measure, lang };
  const { columns, stages } = layoutMap(j, persona);
  const left = MARGIN + HEAD_WIDTH;
  const width = Math.max(left + columns.length * COLUMN_WIDTH + MARGIN, 480);
  const out: Markup[] = [tag("rect", { x: 0, y: 0, width: "100%", height: "100%", fill: theme.bg })];
  let y = MARGIN;

  if (title !== "") {
    const wrapped = wrapText(title, width - 2 * MARGIN, measure, TITLE, true, 3);
    out.push(lines(wrapped, MARGIN, y, { "font-size": TITLE, "font-weight": 700, fill: theme.fg }, TITLE + 6));
    y += wrapped.length * (TITLE + 6) + 4;
  }
  if (description !== "") {
    const wrapped = wrapText(description, width - 2 * MARGIN, measure, FONT, false, 8);
    out.push(lines(wrapped, MARGIN, y, { "font-size": FONT, fill: theme.fgMuted }));
    y += wrapped.length * LINE + 4;
  }
  if (persona !== null || subtitle !== undefined) {
    const named = subtitle ?? t(lang, "words.labelled", { title: t(lang, "lane.persona"), text: persona ?? "" });
    const wrapped = wrapText(named, width - 2 * MARGIN, measure, FONT, false, 2);
    out.push(lines(wrapped, MARGIN, y, { "font-size": FONT, fill: theme.fgMuted }));
    y += wrapped.length * LINE + 4;
  }
  if (y > MARGIN) y += 6;

  if (columns.length === 0) {
    const hint = t(lang, persona === null ? "journey.empty" : "map.empty_image_persona");
    out.push(lines([hint], MARGIN, y, { "font-size": FONT, fill: theme.fgMuted }));
    return svgDocument(width, y + LINE + MARGIN, imageLabel(title, persona, lang), ...out);
  }

  const gridTop = y;
  const gridRight = left + columns.length * COLUMN_WIDTH;
  const headText = HEAD_WIDTH - 2 * PAD;
  const head = (text: string, top: number) =>
    textBlock(text, p, headText, theme.fgMuted, true).draw(MARGIN + PAD, top + PAD);

  // Stage band.
  const stageNames = stages.map((s) => wrapText(s.name, s.count * COLUMN_WIDTH - 2 * PAD, measure, 14, true, 4));
  const stageHeight = Math.max(28, Math.max(...stageNames.map((l) => l.length)) * (LINE + 1) + 2 * PAD);
  out.push(tag("rect", { x: MARGIN, y, width: gridRight - MARGIN, height: stageHeight, fill: theme.bgAlt }));
  out.push(...head(t(lang, "lane.stage"), y));
  stages.forEach((s, i) => out.push(lines(stageNames[i], left + s.start * COLUMN_WIDTH + PAD + 3, y + PAD,
    { "font-size": 14, "font-weight": 700, fill: theme.fg }, LINE + 1)));
  y += stageHeight;
  const rules: number[] = [y];

  // Step headers, with the ★ of their moments of truth.
  const star = measure("\u2605 ", FONT, true);
  const steps = columns.map((c) => {
    const kinds = stepMarks(j, c);
    const indent = kinds.length * star;
    return { kinds, indent, names: wrapText(c.step, TEXT_WIDTH - indent, measure, FONT, true) };
  });
  const stepHeight = Math.max(MIN_ROW, Math.max(...steps.map((s) => s.names.length)) * LINE + 2 * PAD);
  out.push(tag("rect", { x: MARGIN, y, width: gridRight - MARGIN, height: stepHeight, fill: theme.bgAlt }));
  out.push(...head(t(lang, "lane.step"), y));
  steps.forEach((s, i) => {
    const x = left + i * COLUMN_WIDTH + PAD;
    s.kinds.forEach((kind, k) => out.push(tag("text", {
      x: x + k * star, y: y + PAD + FONT, "font-size": FONT, fill: momentColour(kind, theme),
    }, xmlText("\u2605"))));
    out.push(lines(s.names, x + s.indent, y + PAD, { "font-size": FONT, "font-weight": 600, fill: theme.fg }));
  });
  y += stepHeight;
  rules.push(y);

  // One row per lane, its title in the left column; a blueprint's lines between its groups.
  const blueprint = j.blueprint === true ? linesBefore(j.lanes) : new Map<number, never[]>();
  const blueprintLines: Markup[] = []; // drawn last: over the grid's rules and the stage edges
  j.lanes.forEach((lane, i) => {
    for (const line of blueprint.get(i) ?? []) {
      blueprintLines.push(...lineImage(line, lang, MARGIN, gridRight, y, theme, measure));
      y += LINE_ROW;
      rules.push(y);
    }
    const values = j.cells[i] ?? [];
    const row = lane.kind === "emotion"
      ? emotionRow(values, columns, j.scale, left, p)
      : cellRow(lane, values, columns, left, p);
    const title = textBlock(laneTitle(lang, lane), p, headText, theme.fgMuted, true);
    const height = Math.max(MIN_ROW, row.height, title.height + 2 * PAD);
    out.push(tag("rect", { x: MARGIN, y, width: HEAD_WIDTH, height, fill: theme.bgAlt }));
    out.push(...title.draw(MARGIN + PAD, y + PAD));
    if (lane.kind === "emotion") out.push(...scaleMarks(j.scale, left, y, p));
    out.push(...row.draw(y, height));
    y += height;
    rules.push(y);
  });

  // Grid lines, then each stage's left edge in the accent colour (as the map's inset edge).
  const grid: Markup[] = rules.map((ry) => tag("line", { x1: MARGIN, x2: gridRight, y1: ry, y2: ry }));
  grid.push(tag("line", { x1: MARGIN, x2: gridRight, y1: gridTop, y2: gridTop }));
  for (let c = 0; c <= columns.length; c++) {
    const x = left + c * COLUMN_WIDTH;
    grid.push(tag("line", { x1: x, x2: x, y1: gridTop + stageHeight, y2: y }));
  }
  grid.push(tag("line", { x1: MARGIN, x2: MARGIN, y1: gridTop, y2: y }));
  grid.push(tag("line", { x1: gridRight, x2: gridRight, y1: gridTop, y2: gridTop + stageHeight }));
  // The muted text colour, faint: seen over both the headers and the cells in either theme
  // (a theme's border colour may equal its header background).
  out.push(tag("g", { stroke: theme.fgMuted, "stroke-opacity": 0.35, "stroke-width": 1 }, ...grid));
  out.push(tag("g", { fill: theme.accent }, ...stages.map((s) =>
    tag("rect", { x: left + s.start * COLUMN_WIDTH, y: gridTop, width: 3, height: y - gridTop }))));
  out.push(...blueprintLines);
  return svgDocument(width, y + MARGIN, imageLabel(title, persona, lang), ...out);
}

function imageLabel(title: string, persona: string | null, lang: Lang): string {
  const name = title === "" ? t(lang, "map.name") : title;
  return persona === null ? name : `${name} \u2014 ${persona}`;
}

/** A journey holding only the given rows (in the frame's order), for one track's image. */
export function journeyRows(j: Journey, rows: number[]): Journey {
  const pick = <T>(values: T[]): T[] => rows.map((r) => values[r]);
  const perRow = <T>(values: T[] | null | undefined): T[] | null | undefined =>
    Array.isArray(values) && values.length === j.ids.length ? pick(values) : values;
  return {
    ...j, ids: pick(j.ids), stage: pick(j.stage), step: pick(j.step), persona: perRow(j.persona) ?? null,
    cells: j.cells.map(pick), state: perRow(j.state), keys: perRow(j.keys), branch: perRow(j.branch),
  };
}

/** The tracks a side-by-side view shows, for its image: every persona's rows, or the current
 * and future rows of the persona shown. */
export function imageTracks(j: Journey, layout: Pick<CompareLayout, "kind" | "tracks">, persona: string | null, lang: Lang): ImageTrack[] {
  const named = (who: string) => t(lang, "words.labelled", { title: t(lang, "lane.persona"), text: who });
  return layout.tracks.map((name) => {
    const rows: number[] = [];
    for (let row = 0; row < j.ids.length; row++) {
      if (layout.kind === "persona" ? j.persona?.[row] === name
        : j.state?.[row] === name && (!j.persona || persona === null || j.persona[row] === persona)) rows.push(row);
    }
    if (layout.kind === "persona") return { label: named(name), rows };
    const state = trackLabel(layout, name, lang);
    return { label: j.persona && persona !== null ? `${state} \u2014 ${named(persona)}` : state, rows };
  });
}

/** One track drawn in a stacked image: its name, and its rows of the journey. */
export interface ImageTrack {
  label: string;
  rows: number[];
}

/**
 * Tracks side by side on the map (personas compared, or current and future states) as one image:
 * each track's whole map under its name, one below the other, the title and description once.
 */
export function tracksImage(input: MapImageInput, tracks: ImageTrack[]): SvgImage {
  const parts = tracks.map((track, k) => mapImage({
    ...input, journey: journeyRows(input.journey, track.rows), persona: null, subtitle: track.label,
    title: k === 0 ? input.title : "", description: k === 0 ? input.description : "",
  }));
  const width = Math.max(480, ...parts.map((part) => part.width));
  const out: Markup[] = [tag("rect", { x: 0, y: 0, width: "100%", height: "100%", fill: input.theme.bg })];
  let y = 0;
  for (const part of parts) {
    // Each part is a whole SVG document of its own: nested, without its XML declaration.
    const body = part.svg.slice(part.svg.indexOf("<svg")) as Markup;
    out.push(tag("g", { transform: `translate(0 ${y})` }, body));
    y += part.height;
  }
  const label = imageLabel(input.title, null, input.lang ?? "en");
  return svgDocument(width, Math.max(y, 1), `${label} \u2014 ${tracks.map((tr) => tr.label).join(", ")}`, ...out);
}

/** The image of what a map view shows now: its persona (or its tracks side by side, stacked),
 * the model's title, the page's theme. */
export function mapViewImage(model: WidgetModel, journey: Journey, persona: string | null, root: Element,
  tracks: ImageTrack[] | null = null): SvgImage {
  const input: MapImageInput = {
    journey, persona, title: titleOf(model.get("title")), description: titleOf(model.get("description")),
    theme: readTheme(root), measure: canvasMeasure(), lang: langOf(model),
  };
  return tracks === null ? mapImage(input) : tracksImage(input, tracks);
}
