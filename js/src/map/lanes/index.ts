// Lane kinds: the wire's `lane.kind` -> the module that draws and edits that kind of lane.
// A new kind is one module here and one line below.

import type { LaneKind } from "../../shared/wire";
import { channelLane } from "./channel";
import { emotionLane } from "./emotion";
import { momentLane } from "./moment";
import { numberLane } from "./number";
import { priorityLane } from "./priority";
import { textLane } from "./text";
import type { LaneModule } from "./types";

const LANES = new Map<LaneKind, LaneModule>([
  ["text", textLane],
  ["channel", channelLane],
  ["emotion", emotionLane],
  ["number", numberLane],
  ["moment", momentLane],
  ["priority", priorityLane],
]);

/** The module for a lane kind; an unknown kind draws as text. */
export function laneModule(kind: string): LaneModule {
  return LANES.get(kind) ?? textLane;
}

export type { EditorSpec, LaneContext, LaneDrawing, LaneHost, LaneModule } from "./types";
