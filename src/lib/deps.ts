// What every handler and API operation receives as `req.deps`: the database, the configuration and
// the clock. It lives here, not in the app shell (src/app.ts), so features can name it without
// importing the shell that imports them.
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Sandboxes } from '../features/testing/sandboxes.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';

/**
 * `logger` defaults to one on stdout at config.logLevel (silent in tests); a test may pass its own.
 * `sandboxes`: TEST_MODE's private worlds (src/features/testing/sandboxes.ts); a sandbox's request has its db and clock.
 */
export type AppDeps = { db: Db; config: Config; clock: Clock; logger?: Logger; sandboxes?: Sandboxes };
