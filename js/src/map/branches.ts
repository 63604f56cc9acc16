// Alternative steps: within a stage, each branch's steps form a track of adjacent columns
// (main path first, then the branches in first-seen order), labelled by a band row between
// the stage and step headers, with its share of the stage's customers when Python sends one.

import { el } from "../shared/dom";
import { numberFormat } from "../shared/format";
import { t, type Lang } from "../shared/i18n";
import type { Journey } from "../shared/wire";
import type { Column, StageGroup } from "./layout";
import "./branches.css";

export interface Track {
  stage: string;
  /** The branch's name; null for the main path. */
  branch: string | null;
  /** Index of the track's first column in the layout's columns. */
  start: number;
  count: number;
  /** The branch's share of the stage's customers, 0…1; null when not known. */
  share: number | null;
}

/** Each row's branch (null: the main path), or null when the journey has no branches. */
export function rowBranches(j: Journey): (string | null)[] | null {
  const b = j.branch;
  if (!Array.isArray(b) || b.length !== j.ids.length) return null;
  return b.some((v) => typeof v === "string") ? b.map((v) => (typeof v === "string" ? v : null)) : null;
}

/** A stage's columns grouped by track: the main path, then each branch in first-seen order,
 *  the frame's order kept within a track. */
export function groupTracks<C extends { row: number }>(bucket: C[], branches: (string | null)[] | null): C[] {
  if (branches === null) return bucket;
  const groups = new Map<string | null, C[]>([[null, []]]);
  for (const c of bucket) {
    const name = branches[c.row] ?? null;
    const group = groups.get(name);
    if (group) group.push(c);
    else groups.set(name, [c]);
  }
  return [...groups.values()].flat();
}

/** Each shown (stage, branch)'s share, from the wire's `[stage, branch, share, persona?,
 *  state?]`: per state (keyed "" without one), since each state's paths split on their own. */
function sharesFor(j: Journey, persona: string | null): Map<string, Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, Map<string, number>>>();
  for (const entry of Array.isArray(j.branch_share) ? j.branch_share : []) {
    if (!Array.isArray(entry)) continue;
    const [stage, branch, share, who, state] = entry;
    if (typeof stage !== "string" || typeof branch !== "string" || typeof share !== "number" || !Number.isFinite(share)) continue;
    if (typeof who === "string" && persona !== null && who !== persona) continue;
    const key = typeof state === "string" ? state : "";
    let byStage = out.get(key);
    if (!byStage) out.set(key, (byStage = new Map()));
    let stageShares = byStage.get(stage);
    if (!stageShares) byStage.set(stage, (stageShares = new Map()));
    stageShares.set(branch, share);
  }
  return out;
}

/** The tracks of laid-out columns in column order (one per branch and stage, one per main
 *  path run); null when no shown step is on a branch. */
export function layoutTracks(j: Journey, persona: string | null, columns: Column[], stages: StageGroup[]): Track[] | null {
  const branches = rowBranches(j);
  if (branches === null || !columns.some((c) => branches[c.row] !== null)) return null;
  const shares = sharesFor(j, persona);
  const tracks: Track[] = [];
  for (const group of stages) {
    for (let col = group.start; col < group.start + group.count; col++) {
      const branch = branches[columns[col].row] ?? null;
      const last = tracks[tracks.length - 1];
      if (last && last.stage === group.name && last.branch === branch && last.start + last.count === col) last.count += 1;
      else {
        const state = j.state?.[columns[col].row];
        const byStage = shares.get(typeof state === "string" ? state : "");
        tracks.push({ stage: group.name, branch, start: col, count: 1, share: branch === null ? null : byStage?.get(group.name)?.get(branch) ?? null });
      }
    }
  }
  return tracks;
}

/** Per column, the classes that draw a track's fork and join ("" off branches). */
export function trackEdges(tracks: Track[] | null | undefined, count: number): string[] {
  const out = new Array<string>(count).fill("");
  for (const track of tracks ?? []) {
    if (track.branch === null) continue;
    for (let c = track.start; c < track.start + track.count; c++) out[c] = " cjm-track";
    out[track.start] += " cjm-track-start";
    out[track.start + track.count - 1] += " cjm-track-end";
  }
  return out;
}

/** The columns where an alternative path starts right after another in its stage: the
 *  emotion curve does not join them (a customer walks one path or the other, not both). */
export function curveBreaks(layout: { paths?: Track[] | null }): ReadonlySet<number> | undefined {
  const paths = layout.paths;
  if (!paths) return undefined;
  const out = new Set<number>();
  paths.forEach((track, k) => {
    const before = paths[k - 1];
    if (before && track.branch !== null && before.branch !== null && before.stage === track.stage) out.add(track.start);
  });
  return out;
}

/** "62%" in English, "62 %" in French: a share as a whole percentage. */
export function formatShare(share: number, lang: Lang): string {
  return t(lang, "branch.percent", { value: numberFormat(lang, 0, 0).format(Math.round(share * 100)) });
}

/** A track's label: "⎇ Online · 62%"; "⎇ Online" without a share. */
export function trackLabel(track: Track, lang: Lang): string {
  const name = track.branch ?? "";
  return track.share === null ? t(lang, "branch.label", { name })
    : t(lang, "branch.label_share", { name, share: formatShare(track.share, lang) });
}

/**
 * The band row over the step headers: each branch's track a column-group header naming it
 * (read in order by screen readers); not a keyboard row (no data-row: arrows skip it).
 */
export function drawBand(tracks: Track[], [start, end]: [number, number], spacer: (side: "left" | "right") => HTMLElement | null, lang: Lang): HTMLTableRowElement {
  const row = el("tr", { class: "cjm-tracks" }, el("th", { class: "cjm-corner", scope: "row" }, t(lang, "branch.row")), spacer("left"));
  for (const track of tracks) {
    const from = Math.max(start, track.start);
    const to = Math.min(end, track.start + track.count);
    if (from >= to) continue;
    if (track.branch === null) {
      row.append(el("td", { class: "cjm-track-gap", colspan: to - from, "aria-colindex": from + 2 }));
      continue;
    }
    const label = trackLabel(track, lang);
    row.append(el("th", {
      class: "cjm-track-band" + (from === track.start ? " cjm-track-start" : "") + (to === track.start + track.count ? " cjm-track-end" : ""),
      scope: "colgroup", colspan: to - from, "aria-colindex": from + 2, title: label,
      "data-branch": track.branch,
    }, el("span", { class: "cjm-track-name" }, label)));
  }
  row.append(spacer("right") ?? "");
  return row;
}
