// The map as a service blueprint: lanes grouped (physical evidence, customer actions, frontstage,
// backstage, support processes, in the order Python sends them) and the three lines drawn between
// the groups, each as a row of its own, so that a screen reader reads it between the lanes it
// separates. Line rows hold no grid cell: the arrow keys move over lanes only.

import { el } from "../shared/dom";
import { laneTitle, t, type Lang, type MessageId } from "../shared/i18n";
import { tag, xmlText, type Markup, type Measure, type Theme } from "../shared/image";
import type { LaneSpec } from "../shared/wire";
import "./blueprint.css";

/** The groups, top to bottom (cjm_widgets/table/groups.py GROUPS). */
export const GROUPS = ["evidence", "customer", "frontstage", "backstage", "support"] as const;
export type Group = (typeof GROUPS)[number];

/** The lines, each with the last group above it (cjm_widgets/table/groups.py LINES). */
export const LINES = [
  ["interaction", "customer"],
  ["visibility", "frontstage"],
  ["internal", "backstage"],
] as const;
export type Line = (typeof LINES)[number][0];

/** One row of a blueprint: a lane (by its index in the journey's lanes), or a line. */
export type BlueprintRow =
  | { type: "lane"; lane: number; group: Group | null; first: boolean }
  | { type: "line"; line: Line };

const GROUP_WORDS: ReadonlyMap<Group, MessageId> = new Map<Group, MessageId>([
  ["evidence", "blueprint.group.evidence"], ["customer", "blueprint.group.customer"],
  ["frontstage", "blueprint.group.frontstage"], ["backstage", "blueprint.group.backstage"],
  ["support", "blueprint.group.support"],
]);

const LINE_WORDS: ReadonlyMap<Line, MessageId> = new Map<Line, MessageId>([
  ["interaction", "blueprint.line.interaction"], ["visibility", "blueprint.line.visibility"],
  ["internal", "blueprint.line.internal"],
]);

/** A lane's group as the wire gives it; anything else (an older or unknown value) is none. */
export function groupOf(lane: { group?: unknown }): Group | null {
  return (GROUPS as readonly unknown[]).includes(lane.group) ? (lane.group as Group) : null;
}

/** A group's place top to bottom; an ungrouped lane goes first, above the blueprint, as
 *  Python's group_rank puts it (cjm_widgets/table/groups.py). */
const rank = (group: Group | null): number => (group === null ? -1 : GROUPS.indexOf(group));

/**
 * The rows of a blueprint, lanes in the order given (Python sends them in group order) with
 * each line before the first grouped lane below it, drawn only when grouped lanes stand on
 * both of its sides. Lines at one boundary (a group with no lane) come in their own order.
 */
export function blueprintRows(groups: (Group | null)[]): BlueprintRow[] {
  const before = new Map<number, Line[]>();
  for (const [line, last] of LINES) {
    const edge = rank(last);
    const above = groups.some((g) => g !== null && rank(g) <= edge);
    const below = groups.findIndex((g) => g !== null && rank(g) > edge);
    if (above && below >= 0) before.set(below, [...(before.get(below) ?? []), line]);
  }
  const rows: BlueprintRow[] = [];
  groups.forEach((group, lane) => {
    for (const line of before.get(lane) ?? []) rows.push({ type: "line", line });
    const first = group !== null && (lane === 0 || groups[lane - 1] !== group);
    rows.push({ type: "lane", lane, group, first });
  });
  return rows;
}

/** The lines drawn before each lane (by the lane's index), for a journey's lanes. */
export function linesBefore(lanes: { group?: unknown }[]): Map<number, Line[]> {
  const out = new Map<number, Line[]>();
  let pending: Line[] = [];
  for (const row of blueprintRows(lanes.map(groupOf))) {
    if (row.type === "line") pending.push(row.line);
    else if (pending.length > 0) {
      out.set(row.lane, pending);
      pending = [];
    }
  }
  return out;
}

/** A line's name in `lang`. */
export function lineName(lang: Lang, line: Line): string {
  return t(lang, LINE_WORDS.get(line) ?? "blueprint.line.interaction");
}

/** A group's name in `lang`. */
export function groupName(lang: Lang, group: Group): string {
  return t(lang, GROUP_WORDS.get(group) ?? "blueprint.group.customer");
}

const same = (a: string, b: string): boolean =>
  a.localeCompare(b, undefined, { sensitivity: "base" }) === 0;

/** The group label a group's first lane shows over its title: none when the title says it. */
export function groupLabel(lang: Lang, group: Group, title: string): string | null {
  const name = groupName(lang, group);
  return same(name, title) ? null : name;
}

/**
 * Make a drawn map table a blueprint: a line row before the lanes each line stands over, and
 * the group's name in the head of each group's first lane. The lane rows are found by their
 * `data-lane` key, in the journey's lane order.
 */
export function drawBlueprint(table: HTMLTableElement, lanes: LaneSpec[], lang: Lang): void {
  const body = table.tBodies[0];
  if (!body) return;
  // A lane's rows: one, or one per track when tracks are side by side (compare_grid.ts).
  const byKey = new Map<string, HTMLTableRowElement>();
  const rowsOf = new Map<string, HTMLTableRowElement[]>();
  for (const row of Array.from(body.rows)) {
    const key = row.dataset.lane;
    if (key === undefined) continue;
    if (!byKey.has(key)) byKey.set(key, row);
    rowsOf.set(key, [...(rowsOf.get(key) ?? []), row]);
  }
  const width = (byKey.values().next().value as HTMLTableRowElement | undefined)?.cells.length ?? 1;
  let lines = 0;
  let pending: Line[] = [];
  for (const row of blueprintRows(lanes.map(groupOf))) {
    if (row.type === "line") {
      pending.push(row.line);
      continue;
    }
    const tr = byKey.get(lanes[row.lane].key);
    if (!tr) continue;
    for (const line of pending) tr.before(lineRow(line, width, lang));
    lines += pending.length;
    pending = [];
    if (row.group !== null) for (const r of rowsOf.get(lanes[row.lane].key) ?? []) r.dataset.group = row.group;
    if (!row.first || row.group === null) continue;
    tr.classList.add("cjm-group-start");
    const head = tr.cells[0];
    const label = groupLabel(lang, row.group, laneTitle(lang, lanes[row.lane]));
    if (head && label !== null) head.prepend(el("span", { class: "cjm-group-name" }, label));
  }
  table.classList.add("is-blueprint");
  const count = Number(table.getAttribute("aria-rowcount"));
  if (count > 0) table.setAttribute("aria-rowcount", String(count + lines));
}

function lineRow(line: Line, width: number, lang: Lang): HTMLTableRowElement {
  const name = lineName(lang, line);
  return el("tr", { class: `cjm-line cjm-line-${line}`, "data-line": line },
    el("th", { class: "cjm-line-head", scope: "colgroup", colspan: width },
      el("span", { class: "cjm-line-rule", "aria-hidden": "true" }),
      el("span", { class: "cjm-line-name" }, name)));
}

/** The height of a line's row in an image. */
export const LINE_ROW = 22;

const DASHES: ReadonlyMap<Line, string | null> = new Map<Line, string | null>([
  ["interaction", null], ["visibility", "8 5"], ["internal", "2 4"],
]);

/**
 * A line as image markup, in a row from `top` to `top + LINE_ROW` between `x1` and `x2`: its
 * name at the left, then its rule in its shape (solid, dashed, dotted).
 */
export function lineImage(line: Line, lang: Lang, x1: number, x2: number, top: number, theme: Theme, measure: Measure): Markup[] {
  const name = lineName(lang, line);
  const size = 12;
  const mid = top + LINE_ROW / 2;
  const width = measure(name, size, true) + 14;
  return [
    tag("rect", { x: x1, y: top, width: x2 - x1, height: LINE_ROW, fill: theme.bg }),
    tag("line", {
      x1: x1 + width, x2, y1: mid, y2: mid, stroke: theme.fg, "stroke-width": line === "internal" ? 3 : 2,
      "stroke-dasharray": DASHES.get(line) ?? null, "stroke-linecap": line === "internal" ? "round" : null,
      "data-line": line,
    }),
    tag("text", { x: x1 + 6, y: mid + size * 0.35, "font-size": size, "font-weight": 700, fill: theme.fg }, xmlText(name)),
  ];
}
