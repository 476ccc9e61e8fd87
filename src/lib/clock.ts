// The clock is injected everywhere time matters (prices by days to departure, holds, expiry),
// so tests and deterministic demos can fix it.
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock a tester can move (TEST_MODE's /api/v1/test/clock): forward, to an instant, or back to its start. */
export type MovableClock = Clock & {
  advance: (ms: number) => void;
  set: (iso: string | Date) => void;
  /** Back to where it started (the reset of the demo data). */
  restart: () => void;
  /** A new clock of its own, from the same start (a sandbox's). */
  fork: () => MovableClock;
};

export function isMovable(clock: Clock): clock is MovableClock {
  const c = clock as Partial<MovableClock>;
  return typeof c.advance === 'function' && typeof c.set === 'function' && typeof c.restart === 'function' && typeof c.fork === 'function';
}

/** A clock stopped at `iso`, which a test can move forward. */
export function fixedClock(iso: string): MovableClock {
  const start = new Date(iso).getTime();
  let current = start;
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (next) => {
      current = new Date(next).getTime();
    },
    restart: () => {
      current = start;
    },
    fork: () => fixedClock(iso),
  };
}

/** `base` shifted by an offset that can be moved: the clock keeps running, from where it was put. */
export function movableClock(base: Clock): MovableClock {
  let offsetMs = 0;
  return {
    now: () => new Date(base.now().getTime() + offsetMs),
    advance: (ms) => {
      offsetMs += ms;
    },
    set: (next) => {
      offsetMs = new Date(next).getTime() - base.now().getTime();
    },
    restart: () => {
      offsetMs = 0;
    },
    fork: () => movableClock(base),
  };
}

/** DEMO_NOW fixes the start instant; the clock then runs on from it, so holds still expire. */
export function clockFrom(demoNow: string | undefined): Clock {
  if (!demoNow) return systemClock;
  const offset = new Date(demoNow).getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}
