// Persona colours: the one palette in cjm_widgets/palette.json, shared with the altair chart.

import palette from "../../../cjm_widgets/palette.json";

export const PALETTE: readonly string[] = (palette as { personas: string[] }).personas;

/** The colour of the persona drawn `index`-th; the palette repeats after its last colour. */
export function personaColour(index: number): string {
  return PALETTE[index % PALETTE.length];
}
