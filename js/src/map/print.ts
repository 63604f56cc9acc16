// The whole map for printing: the window the screen draws is never the whole map, so the
// printout gets its own tables (shared/print.ts builds them when printing starts). Each stage
// is a block of at most PRINT_COLUMNS steps (what fits across A4 landscape at the print's
// scale; a longer stage goes on in another block), never split across pages where it fits,
// under a line naming the persona printed.

import { el } from "../shared/dom";
import { t } from "../shared/i18n";
import { COLUMN_WIDTH, HEAD_WIDTH } from "./cells";
import { drawGrid, type DrawnGrid, type GridInput } from "./grid";
import "./print.css";

export const PRINT_COLUMNS = 7;

/**
 * The column ranges printed together: each stage cut into as few runs of at most `max` steps
 * as it needs, of even length (7 steps print as 4 + 3, not 6 + 1).
 */
export function printBlocks(stages: { start: number; count: number }[], max = PRINT_COLUMNS): [number, number][] {
  const blocks: [number, number][] = [];
  for (const { start, count } of stages) {
    const size = Math.ceil(count / Math.ceil(count / max));
    for (let from = start; from < start + count; from += size) blocks.push([from, Math.min(start + count, from + size)]);
  }
  return blocks;
}

/** The printout: a table per block of steps, drawn by `draw` (the one-persona grid by
 * default; the side-by-side grid for tracks, with their marks, gaps and deltas). */
export function printTables(input: Omit<GridInput, "window">,
  draw: (window: [number, number]) => DrawnGrid = (window) => drawGrid({ ...input, window })): HTMLElement {
  const box = el("div", { class: "cjm-print", "aria-hidden": "true" },
    input.persona === null ? null : el("div", { class: "cjm-print-persona" },
      t(input.lang ?? "en", "words.labelled", { title: t(input.lang ?? "en", "lane.persona"), text: input.persona })));
  for (const window of printBlocks(input.layout.stages)) {
    const { table } = draw(window);
    // Only this block's steps: no spacers standing for the columns around it.
    table.querySelectorAll(".cjm-spacer, col:not([class])").forEach((node) => node.remove());
    table.querySelectorAll("[tabindex]").forEach((node) => node.removeAttribute("tabindex"));
    table.removeAttribute("role");
    table.style.width = `${HEAD_WIDTH + COLUMN_WIDTH * (window[1] - window[0])}px`;
    box.append(el("div", { class: "cjm-print-block" }, table));
  }
  return box;
}
