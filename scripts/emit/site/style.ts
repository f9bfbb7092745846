/**
 * The colours of each layer and verdict, appended to site.css. Layers take colours in order
 * from the Okabe–Ito palette (distinct for the common forms of colour blindness), then from
 * further colours as dark, so that no two layers share one; verdicts take a
 * light fill by their place on the scale and, so that they read in greyscale too, a pattern each.
 */
import type { Scheme } from "./scheme.ts";

const LAYER_LIGHT = [
  "#0072b2",
  "#d55e00",
  "#009e73",
  "#cc79a7",
  "#8a6d00",
  "#6a3d9a",
  "#666666",
  "#a6192e",
  "#00798c",
  "#7a5230",
  "#2e7d32",
];
const LAYER_DARK = [
  "#56b4e9",
  "#ff9e57",
  "#3fd3a6",
  "#e7a1c9",
  "#f0e442",
  "#c5a3e8",
  "#bbbbbb",
  "#ff8a8a",
  "#5fd4e6",
  "#d9a77a",
  "#8fd694",
];

/** Fills from worst to best on the scale, and for values off the scale. */
const SCALE_LIGHT = ["#f7c4a6", "#fbe0a0", "#d2e8f6", "#a8d1ee"];
const SCALE_DARK = ["#6e3318", "#665012", "#1f4a66", "#0f3c63"];
const OFF_LIGHT = "#e2e2e2";
const OFF_DARK = "#3c3c3c";

/**
 * Patterns by place on the scale: cross-hatch, diagonal stripes, upright stripes, none; off the
 * scale, fine stripes the other way (no pattern has lines across: they read as struck through). Each is one gradient
 * image that fills whatever box it is given, so a claim's band of a line shows the whole pattern.
 */
const PATTERNS = [
  "repeating-linear-gradient(45deg, var(--vstroke) 0 1.5px, transparent 1.5px 7px), repeating-linear-gradient(-45deg, var(--vstroke) 0 1.5px, transparent 1.5px 7px)",
  "repeating-linear-gradient(45deg, var(--vstroke) 0 1.5px, transparent 1.5px 7px)",
  "repeating-linear-gradient(90deg, var(--vstroke) 0 1.5px, transparent 1.5px 8px)",
  "none",
];
const OFF_PATTERN = "repeating-linear-gradient(-45deg, var(--vstroke) 0 1px, transparent 1px 4px)";

const pick = (list: string[], i: number) => list[i % list.length] as string;

export function generatedCss(scheme: Scheme): string {
  const light = scheme.layers.map((_, i) => `  --L${i}: ${pick(LAYER_LIGHT, i)};`);
  const dark = scheme.layers.map((_, i) => `    --L${i}: ${pick(LAYER_DARK, i)};`);
  const swatches = scheme.layers.map((_, i) => `.sw-${i} {\n  --c: var(--L${i});\n}`);
  const verdicts = (scheme.verdict?.values ?? []).map((v, k) => {
    const scale = v.scale;
    const fill = (list: string[], off: string) =>
      scale === null ? off : pick(list, scaled(scale, list.length, scheme));
    const pattern =
      scale === null ? OFF_PATTERN : pick(PATTERNS, scaled(scale, PATTERNS.length, scheme));
    return {
      light: `  --vf${k}: ${fill(SCALE_LIGHT, OFF_LIGHT)};\n  --vp${k}: ${pattern};`,
      dark: `    --vf${k}: ${fill(SCALE_DARK, OFF_DARK)};`,
      rule: `.v${k} {\n  --vfill: var(--vf${k});\n  --vpattern: var(--vp${k});\n}`,
    };
  });
  return `
/* Generated from the schemas by npm run build: one colour per layer, a fill and a pattern per verdict. */
:root {
${[...light, ...verdicts.map((v) => v.light)].join("\n")}
}

@media (prefers-color-scheme: dark) {
  :root {
${[...dark, ...verdicts.map((v) => v.dark)].join("\n")}
  }
}

${swatches.join("\n\n")}

.sw.sw-fill.verdict {
  background: var(--vpattern), var(--vfill);
  background-color: var(--vfill);
}

${verdicts.map((v) => v.rule).join("\n\n")}
`;
}

/** A place on a scale of n steps, spread over a list of `size` styles (worst first, best last). */
function scaled(place: number, size: number, scheme: Scheme): number {
  const steps = (scheme.verdict?.values ?? []).filter((v) => v.scale !== null).length;
  if (steps <= 1) return size - 1;
  return Math.round((place * (size - 1)) / (steps - 1));
}
