// Simulation runs started from /trainer/simulate: one at a time per database, in this process. The
// page reads its progress (shoppers per second, time left) and can cancel it.
import type { Db } from '../../db/database.ts';
import { ConflictError } from '../../lib/errors.ts';
import type { SimulationInput } from './model.ts';
import { simulate, type SimulationOutcome, type SimulationProgress } from './simulate.ts';

export type Run = {
  input: SimulationInput;
  startedAt: Date;
  progress: SimulationProgress;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  error?: string;
  cancel: () => void;
  promise: Promise<SimulationOutcome | undefined>;
};

const runs = new WeakMap<Db, Run>();

export function currentRun(db: Db): Run | undefined {
  return runs.get(db);
}

export function startRun(db: Db, options: { now: Date; demoSeed: number }, input: SimulationInput): Run {
  if (runs.get(db)?.state === 'running') throw new ConflictError('A simulation is running: wait for it to finish or cancel it first.');
  let cancelled = false;
  const run: Run = {
    input,
    startedAt: options.now,
    progress: { done: 0, total: input.shoppers, booked: 0, elapsedMs: 0 },
    state: 'running',
    cancel: () => {
      cancelled = true;
    },
    promise: Promise.resolve(undefined),
  };
  run.promise = simulate(
    { db, ...options, isCancelled: () => cancelled, onProgress: (p) => (run.progress = p), batch: 50 },
    input,
  ).then(
    (outcome) => {
      run.progress = outcome;
      run.state = outcome.cancelled ? 'cancelled' : 'done';
      return outcome;
    },
    (error: unknown) => {
      run.state = 'failed';
      run.error = (error as Error).message;
      console.error('Simulation failed:', error);
      return undefined;
    },
  );
  runs.set(db, run);
  return run;
}
