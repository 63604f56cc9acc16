import { describe, expect, it } from "vitest";
import palette from "../../../cjm_widgets/palette.json";
import { overlaps, placeLabels, stepLabelLayout, stepLabelRoom, wrapName, type Box, type LabelRequest } from "./labels";
import { PALETTE, personaColour } from "./palette";

const BOUNDS: Box = { x: 0, y: 22, width: 900, height: 214 };
/** The axes around the plot: the x axis (step names) below it, the y axis left of it. */
const AXES: Box[] = [{ x: 0, y: 236, width: 900, height: 80 }, { x: -120, y: 0, width: 120, height: 330 }];

function check(placed: (Box | null)[], obstacles: Box[]): Box[] {
  const boxes = placed.filter((b): b is Box => b !== null);
  boxes.forEach((a, i) => {
    for (const o of [...obstacles, ...AXES]) expect(overlaps(a, o), JSON.stringify({ a, o })).toBe(false);
    boxes.slice(i + 1).forEach((b) => expect(overlaps(a, b), JSON.stringify({ a, b })).toBe(false));
    expect(a.x).toBeGreaterThanOrEqual(BOUNDS.x);
    expect(a.y).toBeGreaterThanOrEqual(BOUNDS.y);
    expect(a.x + a.width).toBeLessThanOrEqual(BOUNDS.x + BOUNDS.width);
    expect(a.y + a.height).toBeLessThanOrEqual(BOUNDS.y + BOUNDS.height);
  });
  return boxes;
}

const dot = (x: number, y: number): Box => ({ x: x - 7, y: y - 7, width: 14, height: 14 });
const star = (x: number): Box => ({ x: x - 8, y: 20, width: 16, height: 18 });

describe("placeLabels", () => {
  it("keeps highest and lowest labels off the ★, the points and the axes at the scale's ends", () => {
    // Two personas peaking at the top of the scale under moments of truth, and bottoming
    // out on the axis: where fixed offsets put labels on the ★ and under the axis.
    const xs = Array.from({ length: 20 }, (_, i) => 20 + i * 40);
    const points = [...xs.map((x, i) => dot(x, i % 2 ? 50 : 236)), ...xs.map((x, i) => dot(x, i % 3 ? 60 : 230))];
    const stars = [star(60), star(100), star(140), star(420)];
    const requests: LabelRequest[] = [
      { x: 60, y: 50, width: 190, height: 15, prefer: "above" },
      { x: 100, y: 60, width: 170, height: 15, prefer: "above" },
      { x: 60, y: 236, width: 200, height: 15, prefer: "below" },
      { x: 100, y: 230, width: 160, height: 15, prefer: "below" },
    ];
    const obstacles = [...points, ...stars];
    const boxes = check(placeLabels(requests, obstacles, BOUNDS), obstacles);
    expect(boxes).toHaveLength(4);
  });

  it("never overlaps in random crowded plots", () => {
    let seed = 11;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    let placed = 0;
    for (let trial = 0; trial < 300; trial++) {
      const obstacles: Box[] = [];
      const count = 10 + Math.floor(random() * 40);
      for (let i = 0; i < count; i++) obstacles.push(dot(random() * 900, 50 + random() * 186));
      for (let i = 0; i < 6; i++) if (random() < 0.5) obstacles.push(star(random() * 900));
      const requests: LabelRequest[] = Array.from({ length: 2 + Math.floor(random() * 8) }, () => ({
        x: random() * 900, y: 50 + random() * 186, width: 60 + random() * 200, height: 15,
        prefer: random() < 0.5 ? "above" as const : "below" as const,
      }));
      placed += check(placeLabels(requests, obstacles, BOUNDS), obstacles).length;
    }
    expect(placed).toBeGreaterThan(300 * 3); // most labels find a place
  });

  it("slides a label inside the plot near its edges", () => {
    const [box] = placeLabels([{ x: 890, y: 120, width: 150, height: 15, prefer: "above" }], [], BOUNDS);
    expect(box!.x + box!.width).toBeLessThanOrEqual(900);
    expect(box!.y + box!.height).toBeLessThanOrEqual(120);
  });

  it("leaves out a label with no free place rather than overlap", () => {
    const wall: Box = { x: 0, y: 22, width: 900, height: 214 };
    expect(placeLabels([{ x: 100, y: 100, width: 80, height: 15, prefer: "above" }], [wall], BOUNDS)).toEqual([null]);
  });
});

describe("step names", () => {
  it("wraps at spaces to two lines, keeping the start, an ellipsis at the end", () => {
    expect(wrapName("Voit la publication d'un ami", 20)).toEqual(["Voit la publication", "d'un ami"]);
    expect(wrapName("Sees a friend's post", 40)).toEqual(["Sees a friend's post"]);
    const long = wrapName("Reçoit la confirmation de commande par courriel et par SMS", 20);
    expect(long).toHaveLength(2);
    expect(long[0]).toBe("Reçoit la");
    expect(long[1].endsWith("\u2026")).toBe(true);
    expect(long[1].length).toBeLessThanOrEqual(20);
    expect(wrapName("Anticonstitutionnellement", 10)).toEqual(["Anticonsti", "tutionnel\u2026"]);
  });

  it("slants names on narrow steps and makes room for them left and below", () => {
    expect(stepLabelLayout(200, 6.2).angle).toBe(0);
    const slanted = stepLabelLayout(40, 6.2);
    expect(slanted.angle).toBeLessThan(0);
    expect(slanted.every).toBe(1); // every name shows at the narrowest step
    expect(stepLabelLayout(12, 6.2).every).toBeGreaterThan(1);
    const room = stepLabelRoom(slanted, [120, 120], (i) => 40 * (i + 0.5), 124);
    // The first name reaches about 120·cos 45° + 26·sin 45° ≈ 103 px left of its step's centre (20 px in).
    expect(room.left).toBeGreaterThan(70);
    expect(room.below).toBeGreaterThan(80);
    expect(stepLabelRoom(stepLabelLayout(200, 6.2), [120], () => 100, 124).left).toBe(0);
  });
});

describe("persona palette", () => {
  it("is cjm_widgets/palette.json (the altair chart's too), repeated past its end", () => {
    const colours = (palette as { personas: string[] }).personas;
    expect(PALETTE).toEqual(colours);
    expect(Array.from({ length: 10 }, (_, i) => personaColour(i))).toEqual(
      Array.from({ length: 10 }, (_, i) => colours[i % colours.length]));
  });
});

describe("labels of two personas at the right edge", () => {
  // Two personas bottoming out on the last steps of a long journey, with points on every
  // step: where "lowest: Appelle la h…" ran over the other persona's label and off the edge.
  const xs = Array.from({ length: 30 }, (_, i) => 20 + i * 29.5);
  const crowded = (): Box[] => [
    ...xs.map((x, i) => dot(x, [236, 200, 120, 80][i % 4])),
    ...xs.map((x, i) => dot(x, [230, 236, 150, 60][(i + 1) % 4])),
    star(845), star(875),
  ];

  it("keeps every label inside the drawing, right edge included, clear of each other", () => {
    const obstacles = crowded();
    const requests: LabelRequest[] = [
      { x: 875.5, y: 236, width: 176, height: 15, prefer: "below" }, // lowest: Appelle la hotline…
      { x: 846, y: 236, width: 150, height: 15, prefer: "below" }, // lowest: Déclare un défaut
      { x: 875.5, y: 60, width: 140, height: 15, prefer: "above" },
      { x: 846, y: 50, width: 160, height: 15, prefer: "above" },
    ];
    const placed = placeLabels(requests, obstacles, BOUNDS);
    const boxes = check(placed, obstacles);
    expect(boxes.length).toBeGreaterThanOrEqual(3);
  });

  it("never puts a label past the bounds' right edge or over another, whatever the crowd", () => {
    let seed = 5;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let trial = 0; trial < 100; trial++) {
      const obstacles = crowded().filter(() => random() < 0.6);
      const requests: LabelRequest[] = Array.from({ length: 4 }, (_, k) => ({
        x: 780 + random() * 120, y: k % 2 ? 50 + random() * 40 : 200 + random() * 36,
        width: 100 + random() * 110, height: 15, prefer: k % 2 ? "above" as const : "below" as const,
      }));
      check(placeLabels(requests, obstacles, BOUNDS), obstacles);
    }
  });
});

describe("step names and punctuation", () => {
  it("never leaves a closing mark alone at the start of a line", () => {
    // French puts a space before » ) ! ? : ; — the mark goes with the word before it.
    expect(wrapName("Voit une pub « Été 2024 »", 24)).toEqual(["Voit une pub « Été", "2024 »"]);
    for (const name of ["Paie enfin par carte bancaire !", "Reçoit le colis (enfin)", "Pourquoi ce retard ?",
      "Lit la notice : étape 3", "Appelle le SAV ; attend"]) {
      // From 10 characters a line (names are wrapped to 12 or more) a word and its mark fit.
      for (let chars = 10; chars <= 30; chars++) {
        for (const line of wrapName(name, chars, 3)) expect(line, `${name} / ${chars}`).not.toMatch(/^[»)\]!?:;]/);
      }
    }
  });

  it("never ends a line with an opening mark", () => {
    for (let chars = 10; chars <= 30; chars++) {
      for (const line of wrapName("Voit une pub « Été 2024 » en ligne", chars, 3)) {
        expect(line, String(chars)).not.toMatch(/[«(\[]$/);
      }
    }
  });
});
