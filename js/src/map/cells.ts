// Sizes of the map's grid, shared by the view, its lanes and the windowing.

export const COLUMN_WIDTH = 168;
export const HEAD_WIDTH = 112;
