// Charts drawn on the server as SVG: the geometry is computed here, views/trainer/partials draw it.
// Each chart has a title and a description (read by screen readers) and every bar's value as text.

export type Bar = { label: string; valueText: string; y: number; width: number };
export type BarChart = { id: string; title: string; description: string; width: number; height: number; labelWidth: number; barArea: number; rowHeight: number; bars: Bar[] };

const ROW = 26;
const LABEL = 190;
const AREA = 360;
const VALUE = 150;

/** A horizontal bar chart; `value` between 0 and `max` (a rate: max 1). */
export function barChart(
  id: string,
  title: string,
  description: string,
  rows: readonly { label: string; value: number | null; valueText: string }[],
  max = 1,
): BarChart {
  const top = Math.max(max, ...rows.map((r) => r.value ?? 0));
  return {
    id,
    title,
    description,
    width: LABEL + AREA + VALUE,
    height: Math.max(1, rows.length) * ROW + 4,
    labelWidth: LABEL,
    barArea: AREA,
    rowHeight: ROW,
    bars: rows.map((r, i) => ({
      label: r.label,
      valueText: r.valueText,
      y: i * ROW + 2,
      width: top > 0 && r.value !== null ? Math.max(0, Math.round((r.value / top) * AREA)) : 0,
    })),
  };
}
