// Windowed drawing: which columns (steps) of a long, horizontally scrolled view to draw.

/**
 * The columns [start, end) to draw for a horizontal scroll position: those in view plus
 * `overscan` on each side. Only these are in the DOM; spacers stand for the rest.
 */
export function visibleWindow(
  scrollLeft: number,
  viewport: number,
  count: number,
  columnWidth: number,
  overscan: number,
): [number, number] {
  if (count === 0) return [0, 0];
  const first = Math.floor(Math.max(0, scrollLeft) / columnWidth);
  const last = Math.ceil((Math.max(0, scrollLeft) + Math.max(viewport, columnWidth)) / columnWidth);
  return [Math.max(0, first - overscan), Math.min(count, last + overscan)];
}

/**
 * Whether the columns in view are all drawn already (so a scroll needs no redraw).
 *
 * A window clamped at an end of the map hides where the view starts or ends: at the left
 * (`wanted[0] === 0`) the view may begin anywhere up to `overscan`, and at the right
 * (`wanted[1] === count`) end anywhere past `count - overscan`, so there all of the clamped
 * end must be drawn. Without `count` the right end cannot be told apart (pass it).
 */
export function windowCovers(
  drawn: [number, number],
  wanted: [number, number],
  overscan: number,
  count: number,
): boolean {
  const from = wanted[0] === 0 ? 0 : Math.min(wanted[0] + overscan, wanted[1]);
  const to = wanted[1] >= count ? count : Math.max(wanted[1] - overscan, wanted[0]);
  return drawn[0] <= from && drawn[1] >= to;
}
