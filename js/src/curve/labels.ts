// Pure placement of the curve's text: the highest/lowest labels and the step names.

/** An axis-aligned box in the plot's pixels, from its top-left corner. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two boxes share any area (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function inside(a: Box, bounds: Box): boolean {
  return a.x >= bounds.x && a.y >= bounds.y
    && a.x + a.width <= bounds.x + bounds.width && a.y + a.height <= bounds.y + bounds.height;
}

/** A label to place near the point (x, y) it names, preferably above or below it. */
export interface LabelRequest {
  x: number;
  y: number;
  width: number;
  height: number;
  prefer: "above" | "below";
}

/** Gaps (px) tried between a point and its label, nearest first. */
const DISTANCES = [6, 12, 20, 30, 42, 56, 72, 90];
/** Horizontal shifts tried, as fractions of the label's width. */
const SHIFTS = [0, 0.25, -0.25, 0.5, -0.5, 0.75, -0.75, 1, -1];
/** Extra cost of a label beside its point rather than above or below it. */
const BESIDE = 24;

function candidates(req: LabelRequest, bounds: Box): { box: Box; cost: number }[] {
  const out: { box: Box; cost: number }[] = [];
  const add = (x: number, y: number, cost: number) => {
    // Slide inside the bounds rather than give up on a label near an edge.
    const left = Math.max(bounds.x, Math.min(bounds.x + bounds.width - req.width, x));
    out.push({ box: { x: left, y, width: req.width, height: req.height }, cost: cost + Math.abs(left - x) * 0.1 });
  };
  for (const side of ["above", "below"] as const) {
    const away = side === req.prefer ? 0 : 12;
    for (const d of DISTANCES) {
      const y = side === "above" ? req.y - d - req.height : req.y + d;
      for (const shift of SHIFTS) add(req.x - req.width / 2 + shift * req.width, y, d + Math.abs(shift) * req.width * 0.25 + away);
    }
  }
  // Beside the point, level with it or a little off: where a crowded row leaves room.
  for (const dy of [0, -10, 10, -20, 20]) {
    const y = req.y - req.height / 2 + dy;
    add(req.x + 10, y, BESIDE + Math.abs(dy));
    add(req.x - 10 - req.width, y, BESIDE + Math.abs(dy));
  }
  return out.sort((a, b) => a.cost - b.cost);
}

/**
 * Boxes for labels that overlap no obstacle (the ★ of moments of truth, points, the axes'
 * boxes), no other label, and stay within `bounds`: each label takes the nearest free place
 * above, below or beside its point. A label with no free place gets null: it is left out
 * rather than drawn over something (the point's tooltip still names it).
 */
export function placeLabels(requests: LabelRequest[], obstacles: Box[], bounds: Box, gap = 2): (Box | null)[] {
  const grow = (b: Box): Box => ({ x: b.x - gap, y: b.y - gap, width: b.width + 2 * gap, height: b.height + 2 * gap });
  const taken: Box[] = obstacles.map(grow);
  return requests.map((req) => {
    const found = candidates(req, bounds).find((c) => inside(c.box, bounds) && !taken.some((t) => overlaps(c.box, t)));
    if (!found) return null;
    taken.push(grow(found.box));
    return found.box;
  });
}

/** Marks French sets apart with a space that must not start a line, and ones that must not end one. */
const CLOSING = /^[\u00bb\u203a)\]}!?:;\u2026]+$/;
const OPENING = /^[\u00ab\u2039(\[{]+$/;

/**
 * Words with their punctuation: a closing mark (» ) ! ? : ;) stays with the word before it
 * and an opening one (« () with the word after it, so no line starts or ends with one alone.
 */
function glue(words: string[]): string[] {
  const out: string[] = [];
  let open = "";
  for (const word of words) {
    if (OPENING.test(word)) open = open ? `${open} ${word}` : word;
    else if (CLOSING.test(word) && out.length > 0 && !open) out[out.length - 1] += ` ${word}`;
    else {
      out.push(open ? `${open} ${word}` : word);
      open = "";
    }
  }
  if (open) {
    if (out.length > 0) out[out.length - 1] += ` ${open}`;
    else out.push(open);
  }
  return out;
}

/**
 * A step name in at most `lines` lines of at most `chars` characters, broken at spaces
 * (a longer word is cut); what does not fit ends the last line with an ellipsis, so the
 * start of a name always shows.
 */
export function wrapName(name: string, chars: number, lines = 2): string[] {
  const width = Math.max(2, Math.floor(chars));
  const words = glue(name.trim().split(/\s+/).filter((w) => w !== ""));
  const out: string[] = [];
  let line = "";
  for (let word of words) {
    while (word.length > width) {
      // A word too long for any line: fill the current line, then break the word.
      const room = line === "" ? width : width - line.length - 1;
      if (room < 2) {
        out.push(line);
        line = "";
        continue;
      }
      out.push(line === "" ? word.slice(0, room) : `${line} ${word.slice(0, room)}`);
      line = "";
      word = word.slice(room);
    }
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= width) line = `${line} ${word}`;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line !== "") out.push(line);
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines);
  const last = kept[lines - 1];
  kept[lines - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}\u2026`;
  return kept;
}

/** How the step names under the x axis are drawn. */
export interface StepLabelLayout {
  /** Rotation in degrees (0: level, centred under the step; else slanted, ending at it). */
  angle: number;
  /** Characters per line, and lines per name. */
  chars: number;
  lines: number;
  /** Draw every `every`-th name (names that would touch are thinned). */
  every: number;
}

export const LINE_HEIGHT = 13;
const SLANT = 45;
/** Characters per line of a slanted name: two lines hold most step names whole. */
const SLANTED_CHARS = 24;

/** Level two-line names when a step is wide enough for them, else slanted ones. */
export function stepLabelLayout(step: number, charWidth: number): StepLabelLayout {
  const level = Math.floor((step - 8) / charWidth);
  if (level >= 12) return { angle: 0, chars: level, lines: 2, every: 1 };
  // Neighbouring slanted names are step·sin(slant) apart across the slant; a two-line
  // name needs about 2 × LINE_HEIGHT there (less the glyphs' inner leading).
  const across = step * Math.sin((SLANT * Math.PI) / 180);
  return { angle: -SLANT, chars: SLANTED_CHARS, lines: 2, every: Math.max(1, Math.ceil((2 * LINE_HEIGHT - 2) / across)) };
}

/**
 * Room the names need: `left` px before the first step's edge (slanted names reach left of
 * their step) and `below` px under the axis. `widths[i]` is the widest line of the name at
 * position i (the first few suffice: later ones cannot reach the left edge), `centre(i)` its
 * x from the first step's edge, `widest` a bound on every name's line width.
 */
export function stepLabelRoom(
  layout: StepLabelLayout,
  widths: number[],
  centre: (position: number) => number,
  widest: number,
): { left: number; below: number } {
  const rad = (Math.abs(layout.angle) * Math.PI) / 180;
  const block = layout.lines * LINE_HEIGHT;
  let left = 0;
  widths.forEach((w, i) => {
    if (i % layout.every || layout.angle === 0) return;
    left = Math.max(left, w * Math.cos(rad) + block * Math.sin(rad) - centre(i));
  });
  const below = layout.angle === 0 ? block + 8 : widest * Math.sin(rad) + block * Math.cos(rad) + 12;
  return { left: Math.ceil(left), below: Math.ceil(below) };
}
