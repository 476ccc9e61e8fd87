// Checkout step progress: the steps in order, which one the customer still has to complete, and where
// each lives. One owner for the pages (stepper, redirects back to an unfinished step) and the JSON API
// (steps and nextStep of a checkout, 409 step-out-of-order). Pure functions of the checkout.
import { passengersComplete, type Checkout } from './checkout.repository.ts';

export const STEP_KEYS = ['flights', 'passengers', 'seats', 'extras', 'review'] as const;
export type StepKey = (typeof STEP_KEYS)[number];

const STEP_LABEL: Record<StepKey, string> = {
  flights: 'Flights',
  passengers: 'Passengers',
  seats: 'Seats',
  extras: 'Extras',
  review: 'Review and pay',
};

/** The steps in order, with the label of the stepper. */
export const STEPS: ReadonlyArray<{ key: StepKey; label: string }> = STEP_KEYS.map((key) => ({ key, label: STEP_LABEL[key] }));

/** complete; to_do: required and not done; optional: may be skipped; blocked: an earlier step comes first. */
export type StepStatus = 'complete' | 'to_do' | 'optional' | 'blocked';

/** The position of a step (0 = flights). */
export function stepIndex(step: StepKey): number {
  return STEPS.findIndex((s) => s.key === step);
}

/** The first step the customer still has to complete; later steps send them back to it. */
export function firstIncompleteStep(checkout: Checkout): StepKey | null {
  if (!passengersComplete(checkout)) return 'passengers';
  return null;
}

/** The first unfinished step before `step`, if any: where a page of `step` sends the customer back to. */
export function unfinishedStepBefore(checkout: Checkout, step: StepKey): StepKey | null {
  const first = firstIncompleteStep(checkout);
  return first !== null && stepIndex(first) < stepIndex(step) ? first : null;
}

export function stepUrl(checkout: Pick<Checkout, 'id'>, step: StepKey): string {
  return step === 'flights' ? '/' : `/checkouts/${checkout.id}/${step}`;
}

/**
 * Every step's status. The optional steps (seats, extras) are complete once answered; the caller says
 * whether they are (`seatsDone`: every seated passenger has a live seat on every flight;
 * `extrasAnswered`: an extra chosen or declined), since seats and extras own those facts.
 */
export function stepStatuses(checkout: Checkout, facts: { seatsDone: boolean; extrasAnswered: boolean }): Array<{ key: StepKey; status: StepStatus }> {
  if (checkout.status === 'booked') return STEP_KEYS.map((key) => ({ key, status: 'complete' as const }));
  const named = passengersComplete(checkout);
  const status: Record<StepKey, StepStatus> = {
    flights: 'complete',
    passengers: named ? 'complete' : 'to_do',
    seats: !named ? 'blocked' : facts.seatsDone ? 'complete' : 'optional',
    extras: !named ? 'blocked' : facts.extrasAnswered ? 'complete' : 'optional',
    review: !named ? 'blocked' : 'to_do',
  };
  return STEP_KEYS.map((key) => ({ key, status: status[key] }));
}

/** The first step still to do; null when every required step is done. */
export function nextStep(steps: ReadonlyArray<{ key: StepKey; status: StepStatus }>): StepKey | null {
  return steps.find((s) => s.status === 'to_do')?.key ?? null;
}

/** Back to the results page with the same search. */
export function searchUrlFor(checkout: Checkout): string {
  const outbound = checkout.flights.find((f) => f.direction === 'outbound');
  const ret = checkout.flights.find((f) => f.direction === 'return');
  if (!outbound) return '/';
  const params = new URLSearchParams({
    from: outbound.origin,
    to: outbound.destination,
    depart: outbound.departureDate,
    ...(ret ? { return: ret.departureDate } : {}),
    adults: String(checkout.adults),
    children: String(checkout.children),
    infants: String(checkout.infants),
  });
  return `/flights?${params.toString()}`;
}
