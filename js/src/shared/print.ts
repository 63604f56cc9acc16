// Printing a view: what the screen shows is a window or a scroller, never the whole widget,
// so a view gives what it prints (`build`), made when printing starts and dropped when it
// ends. Print emulation (and some browsers' print preview) only switches the media query.

import { el } from "./dom";
import type { SvgImage } from "./image";
import "./print.css";

/** A whole-widget image as a printout: an <img> of its SVG (no markup parsed), page-wide. */
export function printImage(image: SvgImage): HTMLElement {
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(image.svg)}`;
  return el("div", { class: "cjm-print", "aria-hidden": "true" },
    el("img", { class: "cjm-print-image", src, alt: "", width: image.width, height: image.height }));
}

interface Printable { root: HTMLElement; build: () => HTMLElement; printed?: HTMLElement }

const printables = new Set<Printable>();
let listening = false;

function startPrint(): void {
  for (const p of [...printables]) {
    if (!p.root.isConnected) { printables.delete(p); continue; } // a view that is gone
    p.printed?.remove();
    p.printed = p.build();
    p.root.append(p.printed);
  }
}

function endPrint(): void {
  for (const p of printables) { p.printed?.remove(); p.printed = undefined; }
}

/** Give `root` what it prints, built by `build`, whenever the page prints; returns what takes
 * it back (the view is gone). */
export function printWith(root: HTMLElement, build: () => HTMLElement): () => void {
  const printable: Printable = { root, build };
  printables.add(printable);
  const forget = () => { printables.delete(printable); };
  if (listening || typeof window === "undefined") return forget;
  listening = true;
  window.addEventListener("beforeprint", startPrint);
  window.addEventListener("afterprint", endPrint);
  window.matchMedia?.("print").addEventListener?.("change", (e) => (e.matches ? startPrint() : endPrint()));
  return forget;
}
