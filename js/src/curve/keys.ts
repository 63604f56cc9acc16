// Keys on a focused point: ←/→ along its line, ↑/↓ to change it, Page Up/Down between personas.

import { neutral, stepValue, type LinePoint, type PersonaLine } from "./geometry";
import type { Curve } from "./wire";

export type SelectMode = "only" | "extend" | "toggle";

/** Shift extends a selection, Ctrl (⌘) toggles a step in it, else it selects only that step. */
export function selectMode(e: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): SelectMode {
  return e.shiftKey ? "extend" : e.ctrlKey || e.metaKey ? "toggle" : "only";
}

/**
 * The selection after picking row `id`: it alone; it toggled in or out; or, extending, every
 * step of its persona between the last picked one (the anchor, kept last) and it.
 */
export function nextSelection(c: Curve, positionOfRow: number[], now: number[], id: number, mode: SelectMode): number[] {
  if (mode === "toggle") return now.includes(id) ? now.filter((x) => x !== id) : [...now, id];
  if (mode === "only" || now.length === 0) return [id];
  const rowOf = new Map(c.ids.map((x, row) => [x, row]));
  const at = (i: number) => positionOfRow[rowOf.get(i) ?? -1] ?? -1;
  // A range runs along one line: one persona's steps in one state.
  const persona = (i: number) => {
    const row = rowOf.get(i) ?? -1;
    return `${c.persona ? c.persona[row] : ""}\u0000${c.state ? c.state[row] : ""}`;
  };
  const anchor = now[now.length - 1];
  const [a, b] = [at(anchor), at(id)].sort((x, y) => x - y);
  const ids = c.ids.filter((i) => persona(i) === persona(id) && at(i) >= a && at(i) <= b);
  return [...ids.filter((i) => i !== anchor), anchor];
}

/** What the keys need from the view. */
export interface KeyHost {
  readonly lines: PersonaLine[];
  readonly scale: [number, number];
  readonly snap: boolean;
  focused(): { line: number; point: LinePoint } | null;
  setFocus(line: number, point: LinePoint): void;
  change(line: number, point: LinePoint, value: number | null): void;
  select(id: number, mode: SelectMode): void;
}

/** The nearest point of another persona's line, towards Page Up (-1) or Page Down (+1). */
function otherLine(host: KeyHost, line: number, point: LinePoint, step: -1 | 1): [number, LinePoint] | null {
  for (let k = line + step; k >= 0 && k < host.lines.length; k += step) {
    const others = host.lines[k].points;
    if (others.length === 0) continue;
    const d = (p: LinePoint) => Math.abs(p.position - point.position);
    return [k, others.reduce((a, b) => (d(b) < d(a) ? b : a))];
  }
  return null;
}

export function plotKey(e: KeyboardEvent, host: KeyHost): void {
  const target = host.focused();
  if (!target) return;
  const { line, point } = target;
  const points = host.lines[line].points;
  const at = points.findIndex((p) => p.id === point.id);
  const go = (i: number) => host.setFocus(line, points[Math.max(0, Math.min(points.length - 1, i))]);
  switch (e.key) {
    case "ArrowLeft": e.preventDefault(); go(at - 1); return;
    case "ArrowRight": e.preventDefault(); go(at + 1); return;
    case "Home": e.preventDefault(); go(0); return;
    case "End": e.preventDefault(); go(points.length - 1); return;
    case "PageUp":
    case "PageDown": {
      e.preventDefault();
      const found = otherLine(host, line, point, e.key === "PageUp" ? -1 : 1);
      if (found) host.setFocus(found[0], found[1]);
      return;
    }
    case "ArrowUp":
    case "ArrowDown": {
      e.preventDefault();
      const fine = !host.snap && !e.shiftKey;
      const delta = (e.key === "ArrowUp" ? 1 : -1) * (fine ? 0.1 : 1);
      // A step with no value yet gets the neutral value first.
      const value = point.assumed === null ? neutral(host.scale) : point.assumed + delta;
      host.change(line, point, stepValue(value, host.scale, host.snap && !fine));
      return;
    }
    case "Delete":
    case "Backspace":
      e.preventDefault();
      host.change(line, point, null);
      return;
    case " ":
    case "Enter":
      e.preventDefault();
      host.select(point.id, selectMode(e));
      return;
  }
}
