// Before the routes (TEST_MODE=1): a request carrying the Skylark-Sandbox header, or the skylark.sandbox
// cookie a browser got from /api/v1/test/sandboxes/{id}/enter, is served from that sandbox's database
// and clock: req.deps is swapped, so every page and API operation sees only that world.
import type { RequestHandler } from 'express';
import { NotFoundError } from '../../lib/errors.ts';
import type { SandboxRegistry } from '../../lib/deps.ts';
import { SANDBOX_COOKIE, SANDBOX_HEADER, SANDBOX_ID } from './sandboxes.ts';

/** Managing sandboxes is done from outside them (a stale cookie must not stop a browser entering a new one). */
const MANAGEMENT = /^\/api\/v1\/test\/sandboxes(\/|$)/;

export function chooseSandbox(sandboxes: SandboxRegistry): RequestHandler {
  return (req, res, next) => {
    if (MANAGEMENT.test(req.path)) return next();
    const header = req.get(SANDBOX_HEADER);
    const cookie = (req.cookies as Record<string, string> | undefined)?.[SANDBOX_COOKIE];
    const id = header ?? cookie;
    if (id === undefined || id === '') return next();
    const sandbox = SANDBOX_ID.test(id) ? sandboxes.use(id) : undefined;
    if (!sandbox) {
      if (header === undefined) res.clearCookie(SANDBOX_COOKIE, { path: '/' });
      return next(new NotFoundError(`There is no sandbox ${id} (unknown, deleted, or idle for an hour). Create one with POST /api/v1/test/sandboxes.`));
    }
    req.deps = { ...req.deps, db: sandbox.db, clock: sandbox.clock };
    res.set(SANDBOX_HEADER, sandbox.id);
    next();
  };
}
