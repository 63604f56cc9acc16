// The "Image" menu of a widget's toolbar (Save as SVG, Save as PNG), and the answer a view
// gives when Python asks for an image (m.save_image): both draw with the view's ImageSource.
//
//   const menu = new ImageMenu({ name: "journey-map", title: () => ..., image: () => ..., say });
//   toolbar.append(menu.box);   // mount.ts finds it there to answer Python's image_request

import { el } from "./dom";
import { blobBase64, download, fileName, svgBlob, svgToPng, titleOf, type SvgImage } from "./image";
import { t, type Lang } from "./i18n";
import type { WidgetModel } from "./model";

export type ImageFormat = "svg" | "png";

export interface ImageSource {
  /** The file's name when the widget has no title. */
  name: string;
  /** The widget's `title` trait, as the model holds it. */
  title(): unknown;
  /** The whole widget as an SVG image, drawn now. */
  image(): SvgImage;
  /** Tell the person something went wrong (the view's status line). */
  say(text: string): void;
  /** The language of the menu's words (English when not given). */
  lang?: Lang;
}

/** The source each menu draws with, found from its box (a view's DOM holds one menu). */
const SOURCES = new WeakMap<Element, ImageSource>();

const ITEMS: [ImageFormat, "image.save_svg" | "image.save_png"][] = [["svg", "image.save_svg"], ["png", "image.save_png"]];

/** The image in a format, as a file's bytes. */
export async function imageBlob(source: ImageSource, format: ImageFormat): Promise<Blob> {
  const image = source.image();
  return format === "svg" ? svgBlob(image) : svgToPng(image, 2, source.lang);
}

/** Where an arrow, Home or End key moves among `count` menu items (arrows wrap around). */
export function menuMove(key: string, index: number, count: number): number | null {
  switch (key) {
    case "ArrowDown": return (index + 1) % count;
    case "ArrowUp": return (index - 1 + count) % count;
    case "Home": return 0;
    case "End": return count - 1;
    default: return null;
  }
}

export class ImageMenu {
  readonly box: HTMLDivElement;
  readonly button: HTMLButtonElement;
  private readonly menu: HTMLDivElement;
  private readonly items: HTMLButtonElement[];
  private busy = false;

  constructor(private readonly source: ImageSource) {
    const id = `cjm-image-menu-${Math.random().toString(36).slice(2, 10)}`;
    const lang = source.lang ?? "en";
    this.button = el("button", {
      type: "button", class: "cjm-button cjm-image-button", title: t(lang, "image.title"),
      "aria-haspopup": "menu", "aria-expanded": "false", "aria-controls": id,
    }, `${t(lang, "image.label")} \u25BE`);
    this.items = ITEMS.map(([format, label]) => {
      const item = el("button", {
        type: "button", role: "menuitem", tabindex: -1, class: "cjm-menu-item", "data-format": format,
      }, t(lang, label));
      item.addEventListener("click", () => void this.save(format));
      return item;
    });
    this.menu = el("div", { id, role: "menu", class: "cjm-menu", "aria-label": t(lang, "image.label"), hidden: true }, ...this.items);
    this.box = el("div", { class: "cjm-image-menu" }, this.button, this.menu);
    // Positioned by the box, over what follows, without CSS files of its own: the widget's
    // CSS is one file per widget, and this menu is in both.
    this.box.style.position = "relative";
    this.box.style.display = "inline-block";
    Object.assign(this.menu.style, {
      position: "absolute", top: "100%", left: "0", zIndex: "20", display: "none", minWidth: "9em",
      marginTop: "2px", padding: "3px", gap: "2px", background: "var(--cjm-bg, #fff)",
      border: "1px solid var(--cjm-border, #d0d7de)", borderRadius: "4px", boxShadow: "0 2px 6px rgba(0, 0, 0, 0.25)",
    });
    for (const item of this.items) {
      Object.assign(item.style, {
        font: "inherit", color: "var(--cjm-fg, #1f2328)", background: "none", border: "none",
        textAlign: "left", padding: "3px 10px", borderRadius: "3px", cursor: "pointer", whiteSpace: "nowrap",
      });
      item.addEventListener("focus", () => { item.style.background = "var(--cjm-bg-alt, #f3f4f6)"; });
      item.addEventListener("blur", () => { item.style.background = "none"; });
      item.addEventListener("pointerenter", () => item.focus());
    }
    SOURCES.set(this.box, source);

    this.button.addEventListener("click", () => (this.isOpen ? this.close(false) : this.open(0)));
    this.button.addEventListener("keydown", (e) => this.onButtonKey(e));
    this.menu.addEventListener("keydown", (e) => this.onMenuKey(e));
    // Focus leaving the menu and its button (Tab, a click elsewhere) closes it.
    this.box.addEventListener("focusout", (e) => {
      if (!(e.relatedTarget instanceof Node && this.box.contains(e.relatedTarget))) this.close(false);
    });
  }

  get isOpen(): boolean {
    return !this.menu.hidden;
  }

  open(index: number): void {
    this.menu.hidden = false;
    this.menu.style.display = "grid";
    this.button.setAttribute("aria-expanded", "true");
    this.items[index]?.focus();
  }

  close(refocus: boolean): void {
    if (!this.isOpen) return;
    this.menu.hidden = true;
    this.menu.style.display = "none";
    this.button.setAttribute("aria-expanded", "false");
    if (refocus) this.button.focus();
  }

  private onButtonKey(e: KeyboardEvent): void {
    if (e.key === "Enter" || e.key === " " || e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      e.stopPropagation();
      this.open(e.key === "ArrowUp" ? this.items.length - 1 : 0);
    }
  }

  private onMenuKey(e: KeyboardEvent): void {
    const at = this.items.indexOf(document.activeElement as HTMLButtonElement);
    const next = menuMove(e.key, Math.max(0, at), this.items.length);
    if (next !== null) {
      e.preventDefault();
      this.items[next].focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation(); // the widget's own Escape (dismiss a message) waits for the next one
      this.close(true);
    } else if (e.key === "Tab") {
      this.close(false);
    }
    // Enter and Space press the focused item (a button) as a click; keep them from the grid.
    if (e.key === "Enter" || e.key === " ") e.stopPropagation();
  }

  /** Draw the image and hand it to the browser's download; the focus goes back to the button. */
  private async save(format: ImageFormat): Promise<void> {
    this.close(true);
    if (this.busy) return;
    this.busy = true;
    this.button.setAttribute("aria-busy", "true");
    try {
      const blob = await imageBlob(this.source, format);
      download(blob, fileName(titleOf(this.source.title()), this.source.name, format));
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      this.source.say(t(this.source.lang ?? "en", "image.failed", { format: format.toUpperCase(), why }));
    } finally {
      this.busy = false;
      this.button.removeAttribute("aria-busy");
    }
  }
}

interface ImageRequest {
  type: "image_request";
  id: number;
  format: ImageFormat;
}

function isImageRequest(msg: unknown): msg is ImageRequest {
  if (typeof msg !== "object" || msg === null) return false;
  const m = msg as Partial<ImageRequest>;
  return m.type === "image_request" && typeof m.id === "number" && (m.format === "svg" || m.format === "png");
}

/**
 * Answer Python's `image_request` with the image of the view under `root` (its menu's source):
 * `{type: "image", id, format, data}`, data being the SVG text or the PNG as base64, or
 * `{..., error}`. A view no longer in the page stays silent (another one answers).
 */
export async function answerImageRequest(model: WidgetModel, root: Element, msg: unknown): Promise<void> {
  if (!isImageRequest(msg) || !root.isConnected) return;
  const box = root.querySelector(".cjm-image-menu");
  const source = box ? SOURCES.get(box) : undefined;
  if (!source) return;
  const { id, format } = msg;
  try {
    const data = format === "svg" ? source.image().svg : await blobBase64(await imageBlob(source, "png"));
    model.send({ type: "image", id, format, data });
  } catch (err) {
    model.send({ type: "image", id, format, error: err instanceof Error ? err.message : String(err) });
  }
}
