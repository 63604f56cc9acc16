// What a lane kind module provides to the map view (see index.ts for the registry).

import type { Lang } from "../../shared/i18n";
import type { CellValue, EditOp, LaneSpec } from "../../shared/wire";

/** What a lane module may ask of the view while handling a gesture. */
export interface LaneHost {
  send(op: EditOp): void;
  /** The value this view sent last to the cell `op` writes and has no answer for yet
   * (undefined: none), so that a key pressed twice steps from the value sent, not the drawn. */
  pending?(op: EditOp): CellValue | undefined;
  /** Redraw from the model's state (drops a preview). */
  render(): void;
  /** Show an error in the status line. */
  say(text: string): void;
}

/** The data one lane draws from, once per render: values span every shown step. */
export interface LaneContext {
  lane: LaneSpec;
  /** The lane's values by frame row. */
  values: CellValue[];
  /** The frame row of each map column, in map order. */
  rows: number[];
  scale: [number, number];
  /** The language the view speaks (English when not given). */
  lang?: Lang;
  /** Map columns that do not follow on from the column before (an alternative path after
   *  another, branches.ts): a curve does not join them. */
  breaks?: ReadonlySet<number>;
}

/** A lane prepared for one render: draws its cells and handles gestures on them. */
export interface LaneDrawing {
  /** The content of the cell in map column `col`. */
  cell(col: number): Node[];
  /** Extra attributes for the cell (e.g. its height). */
  cellStyle?: string;
  /** A mark the lane puts on the step header of `col` (the moment of truth's star), before
   * the step's name, with a `data-step-mark` attribute (a cell edit draws the marks again). */
  stepMark?(col: number): Node | null;
  /** A key on the lane's cell in `col` (of step `id`); true when handled. */
  key?(e: KeyboardEvent, col: number, id: number, host: LaneHost): boolean;
  /** A press on the lane's cell; the module calls preventDefault when it takes the gesture. */
  pointerDown?(e: PointerEvent, cell: HTMLElement, col: number, id: number, host: LaneHost): void;
}

/** Which editor a cell opens, and the text it starts from. */
export type EditorSpec =
  | { type: "select"; choices: [string, string][]; value: string }
  | { type: "textarea"; value: string }
  | { type: "input"; value: string; numeric: boolean };

export interface LaneModule {
  prepare(ctx: LaneContext): LaneDrawing;
  editor(lane: LaneSpec, value: CellValue, lang?: Lang): EditorSpec;
  /** The op that text typed into a step's cell makes (read in `lang`); a string says why it cannot be one. */
  op(lane: LaneSpec, id: number, text: string, lang?: Lang): EditOp | string;
  /** Whether a double-click opens the editor (false where the lane is dragged instead). */
  readonly editOnDoubleClick: boolean;
  /** What a change of some of the lane's values (`before` -> `after`, by frame row) draws
   * again: "cell", the cells whose values changed (each shows its own value); "lane", every
   * cell of the lane (one draws from its neighbours or the lane's extent). Absent: "lane". */
  redraws?(lane: LaneSpec, before: CellValue[], after: CellValue[]): Redraw;
}

export type Redraw = "cell" | "lane";

/** For the lanes whose cells show their own value only. */
export const byCell = (): Redraw => "cell";
