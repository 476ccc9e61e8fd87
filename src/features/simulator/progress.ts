// The progress of a run as text (the CLI's bar) and as figures (the page): shoppers per second, time left.
import type { SimulationProgress } from './simulate.ts';

export function progressFigures(p: SimulationProgress) {
  const rate = p.elapsedMs > 0 ? (p.done / p.elapsedMs) * 1000 : 0;
  const secondsLeft = rate > 0 ? Math.ceil((p.total - p.done) / rate) : null;
  return { fraction: p.total > 0 ? p.done / p.total : 0, rate, secondsLeft };
}

export function progressText(p: SimulationProgress, width = 30): string {
  const { fraction, rate, secondsLeft } = progressFigures(p);
  const filled = Math.round(fraction * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  return `${bar} ${p.done}/${p.total} shoppers · ${Math.round(rate)}/s · ${secondsLeft === null ? '…' : `${secondsLeft} s left`} · ${p.booked} booked`;
}
