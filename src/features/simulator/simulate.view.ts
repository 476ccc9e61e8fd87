// The simulator page's view model: the form's fields with labels, the run's progress as text.
import type { FieldErrors } from '../../lib/errors.ts';
import { ABANDON_STEPS, PRICE_SCALE_MINOR, TAKE_OFFERS } from './model.ts';
import { progressFigures } from './progress.ts';
import type { Run } from './runs.ts';

const TAKE_LABELS: Record<(typeof TAKE_OFFERS)[number], string> = {
  bag: 'Checked bag (per passenger and flight)',
  priority: 'Priority boarding (per passenger and flight)',
  upgrade: 'Cabin upgrade (per flight)',
  hotel: 'Hotel stay',
  insurance: 'Travel insurance',
  bundle: 'Comfort bundle (per flight, where the bundle tactic shows it)',
};

export function simulateView(run: Run | undefined, values: Record<string, string>, errors: FieldErrors) {
  const progress = run ? progressFigures(run.progress) : null;
  return {
    running: run?.state === 'running',
    run: run
      ? {
          state: run.state,
          stateText: { running: 'Running', done: 'Done', cancelled: 'Cancelled', failed: `Failed: ${run.error ?? ''}` }[run.state],
          done: String(run.progress.done),
          total: String(run.progress.total),
          booked: String(run.progress.booked),
          percent: progress ? Math.round(progress.fraction * 100) : 0,
          rate: progress ? `${Math.round(progress.rate)} shoppers/s` : '',
          timeLeft: run.state === 'running' && progress?.secondsLeft != null ? `${progress.secondsLeft} s left` : '',
          seed: String(run.input.seed),
        }
      : null,
    abandon: ABANDON_STEPS.map((s) => ({ name: `abandon-${s}`, label: `Leave before ${s}` })),
    take: TAKE_OFFERS.map((o) => ({ name: `take-${o}`, label: TAKE_LABELS[o] })),
    priceScale: `€${PRICE_SCALE_MINOR / 100}`,
    values,
    errors,
  };
}
