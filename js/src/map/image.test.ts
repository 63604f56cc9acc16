import { describe, expect, it } from "vitest";
import { fileName, LIGHT, pngRefusal, pngScale, roughMeasure, wrapText, xmlText } from "../shared/image";
import { decodeJourney, type CellValue, type Journey, type LaneSpec } from "../shared/wire";
import { COLUMN_WIDTH, HEAD_WIDTH } from "./cells";
import { imageTracks, journeyRows, mapImage, tracksImage } from "./image";

const PAYLOADS = [
  "<script>alert(1)</script>",
  "]]><x>",
  "Tom & Jerry",
  "say \"hi\" & 'bye'",
  "<img src=x onerror=alert(1)>",
  "<!-- c --><![CDATA[x]]>",
  "bell\u0007 and nul\u0000 and lone \uD800 surrogate",
];

const LANES: LaneSpec[] = [
  { key: "pain", label: "Pain <b>", kind: "text", dtype: "text" },
  { key: "channel", label: "Channel", kind: "channel", dtype: "text" },
  { key: "emotion", label: "Emotion", kind: "emotion", dtype: "number" },
  { key: "visits", label: "Visits", kind: "number", dtype: "number", format: { style: "percent", digits: null } },
  { key: "moment", label: "Moment of truth", kind: "moment", dtype: "text" },
  { key: "rank", label: "Priority", kind: "priority", dtype: "integer", priority: "rank" },
];

/** A journey of `n` steps for persona Ana (and two for Bo), every lane kind filled. */
function journey(n: number, name: (i: number) => string = (i) => `Step number ${i + 1}`): Journey {
  const rows = Array.from({ length: n }, (_, i) => i);
  const bo = [n, n + 1];
  const all = [...rows, ...bo];
  const cells: CellValue[][] = [
    all.map((i) => (i % 3 === 0 ? `pain of ${i}\nsecond item ${i}` : null)),
    all.map((i) => (i % 2 ? "web, app" : "Boutique")),
    all.map((i) => (i % 5 === 4 ? null : (i % 7) - 3)),
    all.map((i) => i / (n + 2)),
    all.map((i) => (i === 3 ? "one-off" : i === 9 ? "cross-journey" : null)),
    all.map((i) => (i < 5 ? i + 1 : null)),
  ];
  return decodeJourney({
    revision: 1,
    ids: all.map((i) => 100 + i),
    stage: all.map((i) => `Stage ${Math.floor(i / 8) + 1}`),
    step: [...rows.map(name), "Bo only one", "Bo only two"],
    persona: [...rows.map(() => "Ana"), ...bo.map(() => "Bo")],
    stages: Array.from({ length: Math.ceil(n / 8) }, (_, k) => `Stage ${k + 1}`),
    personas: ["Ana", "Bo"],
    lanes: LANES,
    cells,
    step_key: "step",
    emotion: "emotion",
    scale: [-3, 3],
  });
}

const render = (j: Journey, persona: string | null, title = "", description = "") =>
  mapImage({ journey: j, persona, title, description, theme: LIGHT, measure: roughMeasure });

/** The text of every <text> element (tspans joined), unescaped. */
function texts(svg: string): string[] {
  const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"")
    .replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, d) => String.fromCharCode(Number(d))).replace(/&amp;/g, "&");
  return [...svg.matchAll(/<text\b[^>]*>(.*?)<\/text>/gs)].map((m) => unescape(m[1].replace(/<\/tspan><tspan[^>]*>/g, " ").replace(/<[^>]+>/g, "")));
}

/** Every tag in the document, as a name: what a parser would build. */
const tagNames = (svg: string) => [...svg.matchAll(/<\/?([A-Za-z?!][^\s/>]*)/g)].map((m) => m[1]);
const OWN = new Set(["?xml", "svg", "title", "rect", "text", "tspan", "line", "g", "path", "polyline", "circle"]);

describe("map image", () => {
  it("draws every step of the persona, including those a view never drew, and every lane title", () => {
    const image = render(journey(40), "Ana", "Achat en ligne", "Du premier clic\nà la livraison <b>");
    const shown = texts(image.svg);
    for (let i = 0; i < 40; i++) expect(shown.some((t) => t.includes(`Step number ${i + 1}`)), `step ${i + 1}`).toBe(true);
    for (const lane of LANES) expect(shown).toContain(lane.label);
    expect(shown).toContain("Achat en ligne");
    expect(shown).toContain("Persona: Ana");
    expect(shown).toContain("Du premier clic à la livraison <b>");
    expect(shown.join("|")).not.toContain("Bo only");
    for (const stage of ["Stage 1", "Stage 5"]) expect(shown).toContain(stage);
    expect(image.width).toBeGreaterThanOrEqual(HEAD_WIDTH + 40 * COLUMN_WIDTH);
    expect(image.svg).toContain(`width="${image.width}" height="${image.height}" viewBox="0 0 ${image.width} ${image.height}"`);
    // Cells: the percent value, the ★ kind, ranks, emotion values, cards.
    for (const t of ["50%", "\u2605 One-off", "\u2605 Cross-journey", "#1", "#5", "\u22123", "+3", "pain of 0", "second item 0", "Boutique", "web"]) {
      expect(shown, t).toContain(t);
    }
  });

  it("draws the other persona's steps only for that persona", () => {
    const shown = texts(render(journey(40), "Bo").svg);
    expect(shown).toContain("Bo only one");
    expect(shown.join("|")).not.toContain("Step number 1");
  });

  it("writes user text as text: markup in it stays characters", () => {
    const j = journey(PAYLOADS.length, (i) => PAYLOADS[i]);
    j.stages = j.stages.map((s) => s); // the frame's stage names are user text too
    j.stage = j.stage.map((s, i) => (i === 0 ? "<script>stage</script>" : s));
    j.stages = ["<script>stage</script>", ...j.stages];
    j.cells[0] = j.cells[0].map((v, i) => (i < PAYLOADS.length ? PAYLOADS[i] : v));
    const title = "<script>title</script> ]]> & \"q\"";
    const { svg } = render(j, "Ana", title);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toMatch(/<img/i);
    expect(svg).not.toContain("]]>");
    expect(svg).not.toContain("<!--");
    expect(svg).not.toMatch(/[\u0000-\u0008\uD800]/);
    for (const name of tagNames(svg)) expect(OWN.has(name), name).toBe(true);
    // Words too long for a column break across lines: compare without spaces.
    const squash = (t: string) => t.replace(/\s+/g, "");
    const shown = squash(texts(svg).join("|"));
    for (const payload of [...PAYLOADS.slice(0, 6), "<script>stage</script>", title]) expect(shown).toContain(squash(payload));
    expect(shown).toContain(squash("bell and nul and lone surrogate"));
  });

  it("escapes attribute values and drops what XML cannot hold", () => {
    expect(xmlText("<a href=\"x\">&'\n")).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;&#10;");
    expect(xmlText("a\u0000b\uDC00c\uD83D\uDE00")).toBe("abc\uD83D\uDE00");
  });

  it("draws a map without steps as a hint", () => {
    const { svg, width } = render(decodeJourney(null), null);
    expect(texts(svg)).toContain("This journey has no steps yet.");
    expect(width).toBeGreaterThan(0);
  });
});

describe("a blueprint's image", () => {
  const lanes: LaneSpec[] = [
    { key: "evidence", label: "Evidence", kind: "text", dtype: "text", group: "evidence" },
    { key: "action", label: "Action", kind: "text", dtype: "text", group: "customer" },
    { key: "frontstage", label: "Frontstage", kind: "text", dtype: "text", group: "frontstage" },
    { key: "backstage", label: "Backstage", kind: "text", dtype: "text", group: "backstage" },
    { key: "support", label: "Support", kind: "text", dtype: "text", group: "support" },
  ];
  const base = {
    revision: 1, ids: [1, 2], stage: ["S", "S"], step: ["a", "b"], persona: null, stages: ["S"], personas: [],
    lanes, cells: lanes.map(() => ["x", "y"]), step_key: "step", emotion: null, scale: [-3, 3],
  };
  const lineOrder = (svg: string) => [...svg.matchAll(/data-line="(\w+)"/g)].map((m) => m[1]);

  it("draws the three lines between their groups' lanes, in their shapes", () => {
    const { svg } = render(decodeJourney({ ...base, blueprint: true }), null);
    expect(lineOrder(svg)).toEqual(["interaction", "visibility", "internal"]);
    // Each text's height on the image: a line lies below the lanes above it, above those below.
    const ys = new Map([...svg.matchAll(/<text\b[^>]*\by="([\d.]+)"[^>]*>(.*?)<\/text>/gs)]
      .map((m) => [m[2].replace(/<[^>]+>/g, ""), Number(m[1])]));
    const at = (word: string) => ys.get(word) ?? Number.NaN;
    expect(at("Action")).toBeLessThan(at("Line of interaction"));
    expect(at("Line of interaction")).toBeLessThan(at("Frontstage"));
    expect(at("Frontstage")).toBeLessThan(at("Line of visibility"));
    expect(at("Line of visibility")).toBeLessThan(at("Backstage"));
    expect(at("Backstage")).toBeLessThan(at("Line of internal interaction"));
    expect(svg).toMatch(/stroke-dasharray="8 5"[^>]*data-line="visibility"/);
  });

  it("draws no line when the map is not a blueprint", () => {
    expect(lineOrder(render(decodeJourney(base), null).svg)).toEqual([]);
  });
});

describe("image helpers", () => {
  it("wraps text within a width, breaking a word too long for a line", () => {
    const lines = wrapText("a short line and a verylongwordthatcannotfit", 60, roughMeasure, 10);
    for (const line of lines) expect(roughMeasure(line, 10)).toBeLessThanOrEqual(60);
    expect(lines.join(" ").replace(/ /g, "")).toBe("ashortlineandaverylongwordthatcannotfit");
    expect(lines.length).toBeGreaterThan(2);
    expect(wrapText("x ".repeat(500), 20, roughMeasure, 10, false, 3)).toHaveLength(3);
  });

  it("keeps a PNG within what a canvas takes", () => {
    expect(pngScale(1000, 500)).toBe(2);
    const huge = pngScale(40_000, 1200);
    expect(40_000 * huge).toBeLessThanOrEqual(32_767);
    expect(pngScale(16_000, 16_000) * 16_000).toBeLessThanOrEqual(16_384);
  });

  it("refuses a PNG too large to read, and says to save SVG", () => {
    expect(pngRefusal(20_000, 1000)).toBeNull(); // drawn at 1.6×
    expect(pngRefusal(60_000, 1000)).toBeNull(); // at 0.55×: small, still read
    const refusal = pngRefusal(529_000, 1300); // 3,150 steps: 6%
    expect(refusal).toContain("529,000 × 1,300 px");
    expect(refusal).toContain("6%");
    expect(refusal).toContain("SVG");
  });

  it("names the file after the title, safely", () => {
    expect(fileName("Achat / en ligne: v2", "journey-map", "png")).toBe("Achat en ligne v2.png");
    expect(fileName("  ", "journey-map", "svg")).toBe("journey-map.svg");
    expect(fileName("../..", "journey-map", "svg")).toBe("journey-map.svg");
  });
});

describe("the image of tracks side by side", () => {
  // Two states of one journey: the future drops "Call" and adds "Chat".
  const states = decodeJourney({
    revision: 1, ids: [1, 2, 3, 11, 12, 13], persona: null, personas: [],
    stage: ["Find", "Find", "Buy", "Find", "Find", "Buy"],
    step: ["Search", "Call", "Pay", "Search", "Chat", "Pay"],
    stages: ["Find", "Buy"],
    state: ["current", "current", "current", "future", "future", "future"], states: ["current", "future"],
    lanes: [{ key: "pain", label: "Pain", kind: "text", dtype: "text" }],
    cells: [["slow", "long wait", "", "slow", "", "<script>x</script>"]],
    step_key: "step", emotion: null, scale: [-3, 3], priorities: null,
  });
  const input = { journey: states, persona: null, title: "Checkout", theme: LIGHT, measure: roughMeasure };
  const count = (svg: string, text: string) => svg.split(text).length - 1;

  it("draws each state's map under its name, one below the other, not one map of both", () => {
    const tracks = imageTracks(states, { kind: "state", tracks: ["current", "future"] }, null, "en");
    expect(tracks).toEqual([{ label: "Current", rows: [0, 1, 2] }, { label: "Future", rows: [3, 4, 5] }]);
    const { svg, height } = tracksImage(input, tracks);
    const alone = mapImage({ ...input, journey: journeyRows(states, [0, 1, 2]) });
    expect(height).toBeGreaterThan(alone.height * 1.5);
    expect(count(svg, ">Current<")).toBe(1);
    expect(count(svg, ">Future<")).toBe(1);
    expect(count(svg, ">Search<")).toBe(2); // once per state
    expect(count(svg, ">Call<")).toBe(1); // the current state's only
    expect(count(svg, ">Chat<")).toBe(1);
    expect(count(svg, ">Checkout</tspan>")).toBe(1); // the title once
    expect(svg).not.toContain("<script>");
    expect(svg.indexOf(">Call<")).toBeLessThan(svg.indexOf(">Future<"));
    expect(svg.indexOf(">Chat<")).toBeGreaterThan(svg.indexOf(">Future<"));
  });

  it("draws every persona compared, each under its name, in French too", () => {
    const j = journey(3);
    const tracks = imageTracks(j, { kind: "persona", tracks: ["Ana", "Bo"] }, "Ana", "fr");
    expect(tracks.map((tr) => tr.rows.length)).toEqual([3, 2]);
    const { svg } = tracksImage({ journey: j, persona: null, title: "", theme: LIGHT, measure: roughMeasure, lang: "fr" }, tracks);
    expect(svg).toContain("Ana");
    expect(svg).toContain("Bo");
    expect(svg).toMatch(/>Persona\s:\sAna</u);
    expect(svg).toMatch(/>Persona\s:\sBo</u);
  });
});
