// The checklist panel: what the method checks find in the map (Python's cjm_widgets.check),
// each finding a button that selects the step it names (switching persona if need be). The
// view tells Python when the panel opens (the findings then come back in the model's
// `_checks` and follow every edit) and when it closes (Python stops checking for it).

import { el } from "../shared/dom";
import { baseLang, t, type Lang } from "../shared/i18n";
import { ListPanel } from "./list_panel";

export type Severity = "error" | "warning" | "info";

export interface CheckItem {
  severity: Severity;
  rule: string;
  /** The step's id, or null for a finding about the whole map or a persona. */
  id: number | null;
  persona: string | null;
  stage: string | null;
  step: string | null;
  message: string;
}

export interface Checks {
  lang: string;
  items: CheckItem[];
}

/** Each severity's mark: a shape of its own as well as a colour. */
const SEVERITIES: ReadonlyMap<Severity, string> = new Map<Severity, string>([
  ["error", "\u2716"],
  ["warning", "\u25B2"],
  ["info", "\u25CF"],
]);

const isSeverity = (v: unknown): v is Severity => typeof v === "string" && SEVERITIES.has(v as Severity);

const text = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** The model's `_checks`, read defensively: null until Python has found them. */
export function decodeChecks(raw: unknown): Checks | null {
  if (typeof raw !== "object" || raw === null) return null;
  const { lang, items } = raw as { lang?: unknown; items?: unknown };
  if (!Array.isArray(items)) return null;
  const read: CheckItem[] = [];
  for (const item of items as unknown[]) {
    if (typeof item !== "object" || item === null) continue;
    const i = item as Record<string, unknown>;
    const severity = isSeverity(i.severity) ? i.severity : "info";
    const message = text(i.message);
    if (message === null) continue;
    read.push({
      severity, rule: text(i.rule) ?? "", id: typeof i.id === "number" ? i.id : null,
      persona: text(i.persona), stage: text(i.stage), step: text(i.step), message,
    });
  }
  return { lang: typeof lang === "string" ? lang : "en", items: read };
}

/** Whether a message from Python asks to open (or close) the panel, and in which language. */
export function checksMessage(msg: unknown): { on: boolean; lang: string | null } | null {
  if (typeof msg !== "object" || msg === null) return null;
  const m = msg as { type?: unknown; on?: unknown; lang?: unknown };
  if (m.type !== "checks_panel" || typeof m.on !== "boolean") return null;
  return { on: m.on, lang: typeof m.lang === "string" ? m.lang : null };
}

/** The heading: how many findings of each severity, or that none is left. */
export function checksHeading(checks: Checks | null, lang: Lang): string {
  if (checks === null) return t(lang, "checks.waiting");
  if (checks.items.length === 0) return t(lang, "checks.heading");
  const parts: string[] = [];
  for (const severity of SEVERITIES.keys()) {
    const n = checks.items.filter((item) => item.severity === severity).length;
    if (n > 0) parts.push(t(lang, `checks.count.${severity}.${n > 1 ? "other" : "one"}`, { n }));
  }
  return t(lang, "checks.heading.counts", { counts: parts.join(", ") });
}

/** Alt+K toggles the panel (e.code: Alt+K types another character on a Mac). */
export function checksShortcut(e: Pick<KeyboardEvent, "altKey" | "ctrlKey" | "metaKey" | "code">): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && e.code === "KeyK";
}

export class ChecklistPanel extends ListPanel {
  private items: CheckItem[] = [];

  /** `pick(item)`: a finding chosen; `watch(open)`: the panel opened (findings wanted) or closed. */
  constructor(private readonly lang: Lang, pick: (item: CheckItem) => void, private readonly watch: (open: boolean) => void) {
    super("checks", {
      label: t(lang, "checks.label"),
      title: `${t(lang, "checks.title")} (Alt+K)`,
      empty: t(lang, "checks.empty"),
    }, (button) => {
      const item = this.items[Number(button.dataset.index)];
      if (item) pick(item);
    });
    this.toggle.setAttribute("aria-keyshortcuts", "Alt+K");
  }

  override setOpen(open: boolean): void {
    const changed = open !== this.isOpen;
    super.setOpen(open);
    if (changed) this.watch(open);
  }

  /** Draw the findings; a page with none saved has no checklist to show. */
  show(checks: Checks | null, canAsk: boolean): void {
    this.toggle.hidden = checks === null && !canAsk;
    this.items = checks?.items ?? [];
    // The findings' words in their own language (m.show_checks(lang=) may differ from the view's).
    const lang = baseLang(checks?.lang) ?? this.lang;
    this.fill(checksHeading(checks, lang), this.items.map((item, k) => this.itemNode(item, k, lang)));
    this.empty.hidden = checks === null || this.items.length > 0;
  }

  private itemNode(item: CheckItem, k: number, lang: Lang): HTMLLIElement {
    const badge = el("span", { class: "cjm-check-severity", "data-severity": item.severity },
      el("span", { class: "cjm-check-mark", "aria-hidden": "true" }, SEVERITIES.get(item.severity) ?? ""),
      t(lang, `checks.${item.severity}`));
    const where = [item.persona, item.stage, item.step].filter((s): s is string => s !== null).join(" \u203A ");
    const body = el("span", { class: "cjm-check-body" },
      el("span", { class: "cjm-check-message" }, item.message),
      where ? el("span", { class: "cjm-check-where" }, where) : null);
    // A finding that names a step or a persona takes you there; one about the map is read only.
    const node = item.id !== null || item.persona !== null
      ? el("button", {
        type: "button", class: "cjm-check-item", "data-index": k, "data-id": item.id,
        "data-key": `${item.rule}\u0000${item.id ?? ""}\u0000${item.persona ?? ""}`,
      }, badge, body)
      : el("div", { class: "cjm-check-item" }, badge, body);
    return el("li", { "data-severity": item.severity }, node);
  }
}
