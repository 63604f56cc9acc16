// Aligned tracks: the steps of several tracks (personas, or current and future states) laid
// out in one sequence of columns, steps sharing a key sharing a column.

export interface TrackStep {
  id: number;
  /** What matches steps across tracks: the step label, or the step key a diff sends. */
  key: string;
  stage: string;
}

export interface AlignedColumn {
  stage: string;
  /** The key of the column's first step (in track order). */
  key: string;
  /** One per track: the step of that track in this column, null where it has none. */
  ids: (number | null)[];
}

/**
 * The tracks' steps as aligned columns: stages in `stages` order (then any others in the order
 * first seen); within a stage, the merged sequence so far is matched against the next track by
 * longest common subsequence of keys, unmatched steps inserted where they stand (the merged
 * sequence's first at a tie). Duplicate keys in one track are distinct occurrences.
 */
export function alignTracks(stages: string[], tracks: TrackStep[][]): AlignedColumn[] {
  const byStage = new Map<string, TrackStep[][]>();
  const bucket = (stage: string): TrackStep[][] => {
    let b = byStage.get(stage);
    if (!b) {
      b = tracks.map(() => []);
      byStage.set(stage, b);
    }
    return b;
  };
  for (const name of stages) bucket(name);
  tracks.forEach((track, t) => {
    for (const step of track) bucket(step.stage)[t].push(step);
  });
  const out: AlignedColumn[] = [];
  for (const [stage, perTrack] of byStage) {
    let merged: AlignedColumn[] = [];
    perTrack.forEach((steps, t) => {
      merged = mergeTrack(merged, steps, t, tracks.length, stage);
    });
    out.push(...merged);
  }
  return out;
}

/** `merged` (holding tracks before `t`) with track `t`'s steps matched in or inserted. */
function mergeTrack(
  merged: AlignedColumn[],
  steps: TrackStep[],
  t: number,
  width: number,
  stage: string,
): AlignedColumn[] {
  const n = merged.length;
  const m = steps.length;
  // lcs[i][j]: length of the longest common subsequence of merged[i:] and steps[j:].
  const lcs: Int32Array[] = [];
  for (let i = 0; i <= n; i++) lcs.push(new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = merged[i].key === steps[j].key
        ? lcs[i + 1][j + 1] + 1
        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: AlignedColumn[] = [];
  const fresh = (step: TrackStep): AlignedColumn => {
    const ids: (number | null)[] = new Array<number | null>(width).fill(null);
    ids[t] = step.id;
    return { stage, key: step.key, ids };
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && merged[i].key === steps[j].key) {
      const ids = merged[i].ids.slice();
      ids[t] = steps[j].id;
      out.push({ ...merged[i], ids });
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push(merged[i]);
      i++;
    } else {
      out.push(fresh(steps[j]));
      j++;
    }
  }
  return out;
}
