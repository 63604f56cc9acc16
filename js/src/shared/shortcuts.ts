// Keyboard shortcuts as people read them, in the titles of the controls they press: every
// control with an aria-keyshortcuts attribute names its keys after its own description.

import { t, type Lang } from "./i18n";

const KEY_NAMES: ReadonlyMap<string, string> = new Map([
  ["Control", "Ctrl"], ["ArrowLeft", "\u2190"], ["ArrowRight", "\u2192"], ["ArrowUp", "\u2191"], ["ArrowDown", "\u2193"],
  ["PageDown", "Page\u00a0Down"], ["PageUp", "Page\u00a0Up"],
]);

/** aria-keyshortcuts as people read it: "Alt+N Alt+Insert" is "Alt+N or Alt+Insert" ("ou" in French). */
export function shortcutText(keys: string, lang: Lang = "en"): string {
  return keys.split(" ").filter(Boolean)
    .map((combo) => combo.split("+").map((k) => KEY_NAMES.get(k) ?? k).join("+")).join(` ${t(lang, "keys.or")} `);
}

/** A control's title with its shortcut after it, unless the title already says it. */
export function keyTitle(title: string, keys: string, lang: Lang = "en"): string {
  const text = shortcutText(keys, lang);
  if (text === "" || title.includes(text)) return title;
  return title === "" ? text : `${title} (${text})`;
}

/** Every control under `root` that has a shortcut names it in its title. */
export function titleShortcuts(root: Element, lang: Lang = "en"): void {
  root.querySelectorAll<HTMLElement>("[aria-keyshortcuts]").forEach((node) => {
    node.title = keyTitle(node.title, node.getAttribute("aria-keyshortcuts") ?? "", lang);
  });
}
