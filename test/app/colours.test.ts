// Issue 14, item 8: the colour tokens of public/css/site.css keep WCAG AA contrast, in the light and the
// dark scheme: 4.5:1 for text on each surface it is used on, 3:1 for a form field's border.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CSS = readFileSync(new URL('../../public/css/site.css', import.meta.url), 'utf8');

/** The custom properties declared in the first block that `opening` starts. */
function tokens(opening: RegExp): Record<string, string> {
  const start = CSS.search(opening);
  if (start < 0) throw new Error(`No block ${opening}`);
  const body = CSS.slice(CSS.indexOf('{', CSS.indexOf(':root', start)) + 1, CSS.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})\b/g)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const LIGHT = tokens(/^:root \{/m);
const DARK = { ...LIGHT, ...tokens(/@media \(prefers-color-scheme: dark\)/) };

/** [foreground, background]: token names, or a literal colour. */
const TEXT_PAIRS: Array<[string, string]> = [
  ...['bg', 'surface', 'sky', 'chosen'].flatMap((bg): Array<[string, string]> => [['ink', bg], ['muted', bg], ['heading', bg], ['link', bg]]),
  ['ok', 'surface'], ['bad', 'surface'], ['warn', 'surface'],
  ['ink', 'ok-bg'], ['ink', 'bad-bg'], ['ink', 'warn-bg'], ['bad', 'bad-bg'],
  ['on-tag', 'upsell-bg'], ['on-tag', 'cross-sell-bg'], ['on-tag', '#e8f1fb'],
  ['#ffffff', 'blue'], ['#ffffff', 'navy'], ['navy', 'accent'],
];

describe('the colour tokens', () => {
  it.each([
    ['light', LIGHT],
    ['dark', DARK],
  ] as const)('keep AA contrast for every text pair in the %s scheme, and 3:1 for field borders', (_scheme, palette) => {
    const colour = (name: string) => (name.startsWith('#') ? name : palette[name]);
    const failing: string[] = [];
    expect(Object.keys(palette).length, 'tokens read from site.css').toBeGreaterThan(20);
    for (const [fg, bg] of TEXT_PAIRS) {
      const [a, b] = [colour(fg), colour(bg)];
      expect(a && b, `${fg} on ${bg} are both defined`).toBeTruthy();
      const ratio = contrast(a!, b!);
      if (ratio < 4.5) failing.push(`${fg} on ${bg}: ${ratio.toFixed(2)}`);
    }
    for (const bg of ['surface', 'bg']) {
      const ratio = contrast(colour('field-line')!, colour(bg)!);
      if (ratio < 3) failing.push(`field-line on ${bg}: ${ratio.toFixed(2)}`);
    }
    expect(failing).toEqual([]);
  });

  it('computes contrast as WCAG defines it (black on white 21:1, a colour on itself 1:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#13508f', '#13508f')).toBe(1);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});
