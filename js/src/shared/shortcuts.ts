// Keyboard shortcuts as people read them, in the titles of the controls they press: every
// control with an aria-keyshortcuts attribute names its keys after its own description.

import { keyName, t, type Lang } from "./i18n";

/**
 * aria-keyshortcuts as people read it, key names as `lang`'s keyboards write them:
 * "Alt+N Alt+Insert" is "Alt+N or Alt+Insert", "Alt+N ou Alt+Inser" in French.
 */
export function shortcutText(keys: string, lang: Lang = "en"): string {
  return keys.split(" ").filter(Boolean)
    .map((combo) => combo.split("+").map((k) => keyName(lang, k)).join("+")).join(` ${t(lang, "keys.or")} `);
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
