// The map's toolbar: what each action does to the focused step, and its keyboard shortcut.

import { el } from "../shared/dom";
import { t, type Lang, type MessageId } from "../shared/i18n";
import { keyTitle } from "../shared/shortcuts";
import type { EditOp } from "../shared/wire";
import type { GridPos, MapLayout } from "./layout";

export type Action = "insert" | "delete" | "left" | "right" | "stage" | "undo" | "redo";

interface ButtonSpec {
  action: Action;
  /** Message ids (shared/i18n.ts) of the button's text and title; the title's shortcut is added from `keys`. */
  label: MessageId;
  title: MessageId;
  /** aria-keyshortcuts syntax. */
  keys: string;
}

export const BUTTONS: ButtonSpec[] = [
  { action: "insert", label: "toolbar.insert", title: "toolbar.insert_title", keys: "Alt+N Alt+Insert" },
  { action: "delete", label: "toolbar.delete", title: "toolbar.delete_title", keys: "Alt+Delete Alt+Backspace" },
  { action: "left", label: "toolbar.left", title: "toolbar.left_title", keys: "Alt+ArrowLeft" },
  { action: "right", label: "toolbar.right", title: "toolbar.right_title", keys: "Alt+ArrowRight" },
  { action: "stage", label: "toolbar.stage", title: "toolbar.stage_title", keys: "Alt+S" },
  { action: "undo", label: "toolbar.undo", title: "toolbar.undo", keys: "Control+Z" },
  { action: "redo", label: "toolbar.redo", title: "toolbar.redo", keys: "Control+Shift+Z" },
];

/** The toolbar action an Alt+key press means, if any (e.code: Alt+N types "˜" on a Mac). */
export function shortcut(e: Pick<KeyboardEvent, "altKey" | "ctrlKey" | "metaKey" | "key" | "code">): Action | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  if (e.code === "KeyN" || e.key === "Insert") return "insert";
  if (e.key === "Delete" || e.key === "Backspace") return "delete";
  if (e.key === "ArrowLeft") return "left";
  if (e.key === "ArrowRight") return "right";
  if (e.code === "KeyS") return "stage";
  return null;
}

/** The toolbar's other controls, which open or show something rather than edit. */
export type ViewAction = "table" | "image" | "priorities" | "next-persona" | "previous-persona" | "compare";

/** Their shortcuts, in aria-keyshortcuts syntax (Present's, Alt+P, is present.ts's own). */
export const VIEW_KEYS: ReadonlyMap<ViewAction, string> = new Map<ViewAction, string>([
  ["table", "Alt+T"], ["image", "Alt+I"], ["priorities", "Alt+R"],
  ["next-persona", "Alt+PageDown"], ["previous-persona", "Alt+PageUp"],
  ["compare", "Alt+C"],
]);

const VIEW_CODES: ReadonlyMap<string, ViewAction> = new Map<string, ViewAction>([
  ["KeyT", "table"], ["KeyI", "image"], ["KeyR", "priorities"],
  ["PageDown", "next-persona"], ["PageUp", "previous-persona"],
  ["KeyC", "compare"],
]);

/** The persona after `active` (or before it, `step` -1), round the list; null with fewer than two. */
export function otherPersona(personas: string[], active: string | null, step: 1 | -1): string | null {
  if (personas.length < 2) return null;
  const at = active === null ? -1 : personas.indexOf(active);
  const from = at >= 0 ? at : step > 0 ? -1 : 0; // none shown: the first, or the last
  return personas[(from + step + personas.length) % personas.length];
}

/** The view action an Alt+key press means, if any (by e.code, as `shortcut`). */
export function viewShortcut(e: Pick<KeyboardEvent, "altKey" | "ctrlKey" | "metaKey" | "code">): ViewAction | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  return VIEW_CODES.get(e.code) ?? null;
}

export function toolbarButton(spec: ButtonSpec, act: (a: Action) => void, lang: Lang = "en"): HTMLButtonElement {
  const b = el("button", {
    type: "button", class: "cjm-button", "data-action": spec.action, title: keyTitle(t(lang, spec.title), spec.keys, lang),
    "aria-keyshortcuts": spec.keys || null,
  }, t(lang, spec.label));
  b.addEventListener("click", () => act(spec.action));
  return b;
}

/**
 * The op an edit action sends for the focused step, and where the focus goes: onto the step
 * acted on (the new one after an insert, the moved one after a move, the new stage's header).
 */
export function plan(action: Exclude<Action, "undo" | "redo">, layout: MapLayout, focus: GridPos, lang = "en"):
  { op: EditOp; focus: GridPos } | null {
  const current = layout.columns[focus.col];
  const group = current ? layout.stages.find((s) => s.name === current.stage) : undefined;
  switch (action) {
    case "insert":
      return current ? { op: { kind: "insert_step", after: current.id, lang }, focus: { row: 0, col: focus.col + 1 } } : null;
    case "delete":
      return current ? { op: { kind: "delete_step", id: current.id }, focus } : null;
    case "left":
    case "right": {
      if (!current) return null;
      const direction = action === "left" ? -1 : 1;
      // Across a stage boundary the step changes stage but keeps its column.
      const crosses = group !== undefined && (direction === -1
        ? focus.col === group.start
        : focus.col === group.start + group.count - 1);
      return {
        op: { kind: "move_step", id: current.id, direction },
        focus: crosses ? focus : { ...focus, col: focus.col + direction },
      };
    }
    case "stage":
      return {
        op: { kind: "add_stage", after: current ? current.stage : null, lang },
        focus: group ? { row: -1, col: group.start + group.count } : focus,
      };
  }
}
