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

/** Whether the columns in view are all drawn already (so a scroll needs no redraw). */
export function windowCovers(drawn: [number, number], wanted: [number, number], overscan: number): boolean {
  const inView: [number, number] = [
    Math.min(wanted[0] + overscan, wanted[1]),
    Math.max(wanted[1] - overscan, wanted[0]),
  ];
  return drawn[0] <= inView[0] && drawn[1] >= inView[1];
}
