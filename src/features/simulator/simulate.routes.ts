// /trainer/simulate: the model's parameters (editable, 0-1), the number of shoppers and the seed; a
// run's progress refreshes without JavaScript (meta refresh) and can be cancelled.
import type { Request, Response } from 'express';
import { ConflictError, ValidationError, type FieldErrors } from '../../lib/errors.ts';
import { fieldErrorsFrom, parseInput } from '../../lib/validation.ts';
import { ABANDON_STEPS, DEFAULT_PARAMS, SimulationInputSchema, TAKE_OFFERS, type SimulationInput } from './model.ts';
import { currentRun, startRun } from './runs.ts';
import { simulateView } from './simulate.view.ts';

const number = (v: unknown) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

/** The flat form (shoppers, seed, abandon-results, take-bag, priceSensitivity, tacticLift) as the command's input. */
export function formToInput(body: Record<string, unknown>): unknown {
  return {
    shoppers: number(body.shoppers),
    seed: number(body.seed),
    params: {
      abandon: Object.fromEntries(ABANDON_STEPS.map((s) => [s, number(body[`abandon-${s}`])])),
      take: Object.fromEntries(TAKE_OFFERS.map((o) => [o, number(body[`take-${o}`])])),
      priceSensitivity: number(body.priceSensitivity),
      tacticLift: number(body.tacticLift),
    },
  };
}

const fieldOf = (path: readonly (string | number)[]) =>
  path[0] === 'params' ? (path.length === 3 ? `${String(path[1])}-${String(path[2])}` : String(path[1])) : path[0] === undefined ? undefined : String(path[0]);

function defaultsValues(): Record<string, string> {
  const v: Record<string, string> = { shoppers: '5000', seed: '7', priceSensitivity: String(DEFAULT_PARAMS.priceSensitivity), tacticLift: String(DEFAULT_PARAMS.tacticLift) };
  for (const s of ABANDON_STEPS) v[`abandon-${s}`] = String(DEFAULT_PARAMS.abandon[s]);
  for (const o of TAKE_OFFERS) v[`take-${o}`] = String(DEFAULT_PARAMS.take[o]);
  return v;
}

function render(req: Request, res: Response, status: number, values: Record<string, string>, errors: FieldErrors): void {
  const view = simulateView(currentRun(req.deps.db), values, errors);
  res.status(status).render('trainer/simulate', { pageTitle: 'Shopper simulator', view, refreshSeconds: view.running ? 2 : undefined });
}

export function showSimulate(req: Request, res: Response): void {
  const run = currentRun(req.deps.db);
  render(req, res, 200, run ? valuesOf(run.input) : defaultsValues(), {});
}

function valuesOf(input: SimulationInput): Record<string, string> {
  const v: Record<string, string> = { shoppers: String(input.shoppers), seed: String(input.seed), priceSensitivity: String(input.params.priceSensitivity), tacticLift: String(input.params.tacticLift) };
  for (const s of ABANDON_STEPS) v[`abandon-${s}`] = String(input.params.abandon[s]);
  for (const o of TAKE_OFFERS) v[`take-${o}`] = String(input.params.take[o]);
  return v;
}

export function submitSimulate(req: Request, res: Response): void {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const values = Object.fromEntries(Object.entries(defaultsValues()).map(([k]) => [k, typeof body[k] === 'string' ? (body[k] as string) : '']));
  try {
    const input = parseInput(SimulationInputSchema, formToInput(body), 'The simulation needs other settings: nothing was started.');
    const { db, clock, config } = req.deps;
    startRun(db, { now: clock.now(), demoSeed: config.demoSeed }, input);
  } catch (error) {
    if (error instanceof ValidationError) return render(req, res, 422, values, fieldErrorsFrom(error.issues, fieldOf));
    if (error instanceof ConflictError) return render(req, res, 409, values, { '': [error.message] });
    throw error;
  }
  res.redirect(303, '/trainer/simulate');
}

export function submitCancel(req: Request, res: Response): void {
  currentRun(req.deps.db)?.cancel();
  res.redirect(303, '/trainer/simulate');
}
