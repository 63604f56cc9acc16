// Keys every widget handles the same way.

/**
 * Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo; every other key typed in the widget stays
 * the widget's, not the notebook's (command-mode shortcuts). Returns whether it was history.
 */
export function historyKey(e: KeyboardEvent, send: (type: "undo" | "redo") => void, enabled = true): boolean {
  const mod = e.ctrlKey || e.metaKey;
  e.stopPropagation();
  if (!enabled || !mod || !(e.key === "z" || e.key === "Z" || e.key === "y")) return false;
  e.preventDefault();
  send(e.key === "y" || e.shiftKey ? "redo" : "undo");
  return true;
}
