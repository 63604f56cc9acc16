// The emotion curve as Python sends it (cjm_widgets/widgets/wire.py: encode_curve).

import type { CellValue, Steps } from "../shared/wire";

/** Per-row evidence: n responses, their mean and its 95% interval (null: not measured). */
export interface Evidence {
  n: (number | null)[];
  mean: (number | null)[];
  ci_low: (number | null)[];
  ci_high: (number | null)[];
}

export interface Curve extends Steps {
  emotion: (number | null)[];
  scale: [number, number];
  /** Scale values to mark, with their label (null: the signed number). */
  ticks: [number, string | null][];
  snap: boolean;
  /** Each row's moment-of-truth value (true, or its kind), from the moment-of-truth column. */
  moments: CellValue[] | null;
  pain: CellValue[] | null;
  gain: CellValue[] | null;
  evidence: Evidence | null;
}

/** `expected`: the value the edit replaces (a drag's start, then its own last value). */
export type CurveOp = { kind: "set_emotion"; id: number; value: number | null; expected?: number | null };

const EMPTY: Curve = {
  revision: 0,
  ids: [],
  stage: [],
  step: [],
  persona: null,
  stages: [],
  personas: [],
  emotion: [],
  scale: [-3, 3],
  ticks: [],
  snap: true,
  moments: null,
  pain: null,
  gain: null,
  evidence: null,
};

/** The curve from the model's `_curve` and `_emotion` (values sent apart, see curve.py). */
export function decodeCurve(value: unknown, emotion: unknown = null): Curve {
  if (value === null || typeof value !== "object") return EMPTY;
  const c = { ...EMPTY, ...(value as Partial<Curve>) };
  if (!Array.isArray(c.ids)) return EMPTY;
  const sent = emotion !== null && typeof emotion === "object"
    ? (emotion as { revision?: unknown; values?: unknown }) : null;
  if (sent && Array.isArray(sent.values) && sent.values.length === c.ids.length) {
    c.emotion = sent.values as (number | null)[];
    if (typeof sent.revision === "number") c.revision = Math.max(c.revision, sent.revision);
  } else if (!Array.isArray(c.emotion) || c.emotion.length !== c.ids.length) {
    c.emotion = c.ids.map(() => null);
  }
  return c;
}
