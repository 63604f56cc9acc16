import { describe, expect, it } from "vitest";
import { BUTTONS, otherPersona, shortcut, viewShortcut, VIEW_KEYS } from "../map/toolbar";
import { keyTitle, shortcutText } from "./shortcuts";

const alt = (code: string, key = "") => ({ altKey: true, ctrlKey: false, metaKey: false, code, key });

describe("shortcuts in titles", () => {
  it("reads aria-keyshortcuts as people do", () => {
    expect(shortcutText("Alt+N Alt+Insert")).toBe("Alt+N or Alt+Insert");
    expect(shortcutText("Alt+ArrowLeft")).toBe("Alt+\u2190");
    expect(shortcutText("Control+Shift+Z")).toBe("Ctrl+Shift+Z");
    expect(shortcutText("")).toBe("");
  });
  it("names the keys as French keyboards do, from the one key-name table", () => {
    expect(shortcutText("Alt+Delete Alt+Backspace", "fr")).toBe("Alt+Suppr ou Alt+Retour arrière");
    expect(shortcutText("Alt+N Alt+Insert", "fr")).toBe("Alt+N ou Alt+Inser");
    expect(shortcutText("Control+Shift+Z", "fr")).toBe("Ctrl+Maj+Z");
    expect(shortcutText("Alt+ArrowLeft", "fr")).toBe("Alt+\u2190");
    expect(shortcutText("Alt+Delete Alt+Backspace", "en")).toBe("Alt+Delete or Alt+Backspace");
    expect(shortcutText("Alt+constructor", "fr")).toBe("Alt+constructor"); // no name of its own
    expect(keyTitle("Supprimer l'étape courante", "Alt+Delete Alt+Backspace", "fr"))
      .toBe("Supprimer l'étape courante (Alt+Suppr ou Alt+Retour arrière)");
  });
  it("puts the keys after the description, once", () => {
    expect(keyTitle("Add a stage", "Alt+S")).toBe("Add a stage (Alt+S)");
    expect(keyTitle("Undo (Ctrl+Z)", "Control+Z")).toBe("Undo (Ctrl+Z)");
    expect(keyTitle("", "Alt+L")).toBe("Alt+L");
    expect(keyTitle("Nothing to press", "")).toBe("Nothing to press");
  });
});

describe("every map action has a shortcut", () => {
  it("gives every toolbar button keys", () => {
    for (const spec of BUTTONS) expect(spec.keys, spec.action).not.toBe("");
  });
  it("reads Alt+S as adding a stage, by the key's place (a Mac's Alt+S types ß)", () => {
    expect(shortcut(alt("KeyS", "\u00DF"))).toBe("stage");
    expect(shortcut({ ...alt("KeyS"), ctrlKey: true })).toBeNull();
  });
  it("opens the table, the image menu and the priorities with Alt+T, Alt+I, Alt+R", () => {
    expect(viewShortcut(alt("KeyT"))).toBe("table");
    expect(viewShortcut(alt("KeyI"))).toBe("image");
    expect(viewShortcut(alt("KeyR"))).toBe("priorities");
    expect(viewShortcut({ ...alt("KeyT"), altKey: false })).toBeNull();
    expect(viewShortcut(alt("KeyN"))).toBeNull();
    expect([...VIEW_KEYS.values()]).toEqual(["Alt+T", "Alt+I", "Alt+R", "Alt+PageDown", "Alt+PageUp", "Alt+C"]);
  });
  it("switches compare mode with Alt+C (Alt+Ç on a French Mac: by the key's place)", () => {
    expect(viewShortcut(alt("KeyC", "\u00E7"))).toBe("compare");
    expect(viewShortcut({ ...alt("KeyC"), metaKey: true })).toBeNull();
  });
  it("goes round the personas with Alt+Page Down and Alt+Page Up", () => {
    expect(viewShortcut(alt("PageDown", "PageDown"))).toBe("next-persona");
    expect(viewShortcut(alt("PageUp", "PageUp"))).toBe("previous-persona");
    expect(shortcutText("Alt+PageDown Alt+PageUp")).toBe("Alt+Page\u00a0Down or Alt+Page\u00a0Up");
    const all = ["Ana", "Bo", "Cy"];
    expect(otherPersona(all, "Ana", 1)).toBe("Bo");
    expect(otherPersona(all, "Cy", 1)).toBe("Ana");
    expect(otherPersona(all, "Ana", -1)).toBe("Cy");
    expect(otherPersona(all, "gone", 1)).toBe("Ana");
    expect(otherPersona(all, null, -1)).toBe("Cy");
    expect(otherPersona(["Ana"], "Ana", 1)).toBeNull();
    expect(otherPersona([], null, 1)).toBeNull();
  });
  it("keeps each shortcut to one action", () => {
    const all = [...BUTTONS.flatMap((b) => b.keys.split(" ")), ...VIEW_KEYS.values(), "Alt+P", "Alt+K"];
    expect(new Set(all).size).toBe(all.length);
  });
});
