// The clock is injected everywhere time matters (prices by days to departure, holds, expiry),
// so tests and deterministic demos can fix it.
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at `iso`, which a test can move forward. */
export function fixedClock(iso: string): Clock & { advance: (ms: number) => void; set: (iso: string) => void } {
  let current = new Date(iso).getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (next) => {
      current = new Date(next).getTime();
    },
  };
}

/** DEMO_NOW fixes the start instant; the clock then runs on from it, so holds still expire. */
export function clockFrom(demoNow: string | undefined): Clock {
  if (!demoNow) return systemClock;
  const offset = new Date(demoNow).getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}
