// What every handler and API operation receives as `req.deps`: the database, the configuration and
// the clock. It lives here, not in the app shell (src/app.ts), so features can name it without
// importing the shell that imports them.
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Clock, MovableClock } from './clock.ts';
import type { Logger } from './logger.ts';

/** A sandbox: its own database and clock (TEST_MODE; src/features/testing/sandboxes.ts). */
export type SandboxWorld = { id: string; db: Db; clock: MovableClock };

/** TEST_MODE's sandboxes, as the API and the middleware use them (src/features/testing/sandboxes.ts implements it). */
export interface SandboxRegistry {
  create(): SandboxWorld;
  /** The live sandbox with this id (its idle time starts again), or undefined. */
  use(id: string): SandboxWorld | undefined;
  delete(id: string): boolean;
  readonly idleMs: number;
  readonly limit: number;
}

/**
 * `logger` defaults to one on stdout at config.logLevel (silent in tests); a test may pass its own.
 * `sandboxes`: TEST_MODE's private worlds (src/features/testing/sandboxes.ts); a sandbox's request has its db and clock.
 */
export type AppDeps = { db: Db; config: Config; clock: Clock; logger?: Logger; sandboxes?: SandboxRegistry };
