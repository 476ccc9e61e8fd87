// Sandboxes (TEST_MODE=1 only; src/features/testing/sandboxes.ts): create one, read it, enter it in a
// browser (a cookie), delete it. Requests carrying Skylark-Sandbox: <id> (or the cookie) see only it.
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.ts';
import type { SandboxRegistry, SandboxWorld } from '../../lib/deps.ts';
import { SANDBOX_COOKIE, SANDBOX_HEADER, SANDBOX_ID } from '../testing/sandboxes.ts';
import { operation, problems, type ApiContext } from './operation.ts';
import { ApiProblem, PROBLEM_KINDS } from './problem.ts';
import { ProblemSchema } from './common.schema.ts';
import { SandboxDeletedSchema, SandboxSchema } from './testing.schema.ts';

const BASE = '/api/v1/test/sandboxes';
const SandboxParams = z.strictObject({ id: z.string().regex(SANDBOX_ID).describe('The sandbox id from POST /test/sandboxes.') });

function registry(ctx: ApiContext): SandboxRegistry {
  if (!ctx.sandboxes) throw new NotFoundError('Sandboxes exist only when the server runs with TEST_MODE=1.');
  return ctx.sandboxes;
}

function sandboxOf(ctx: ApiContext, id: string): SandboxWorld {
  const sandbox = registry(ctx).use(id);
  if (!sandbox) throw new NotFoundError(`There is no sandbox ${id} (unknown, deleted, or idle for an hour).`);
  return sandbox;
}

function present(ctx: ApiContext, sandbox: SandboxWorld) {
  return {
    id: sandbox.id,
    now: sandbox.clock.now().toISOString(),
    header: { name: SANDBOX_HEADER, value: sandbox.id },
    enter: { method: 'GET', path: `${BASE}/${sandbox.id}/enter` },
    idleExpirySeconds: Math.round(registry(ctx).idleMs / 1000),
  };
}

export const createSandboxOperation = operation({
  operationId: 'createSandbox',
  tag: 'Testing',
  summary: 'Create a sandbox (TEST_MODE only)',
  description:
    'A private copy of the seeded demo (every checkout, booking and event of the server left out) with its own clock, in ' +
    'memory. Requests with the header Skylark-Sandbox: <id> (or, in a browser, the cookie set by enter) see only it: their ' +
    'checkouts, bookings, seat holds, POST /test/reset and POST /test/clock stay inside. Dropped after an idle hour; at most ' +
    'a few live together (beyond them: 409). No body, but Content-Type: application/json (else 415), as for the reset.',
  testModeOnly: true,
  jsonOnly: true,
  responses: [{ status: 201, description: 'The sandbox; Location is it.', schema: SandboxSchema, headers: ['Location'] }, ...problems(404, 409, 415)],
  handle: ({ ctx }) => {
    const sandbox = registry(ctx).create();
    return { status: 201, headers: { Location: `${BASE}/${sandbox.id}` }, body: present(ctx, sandbox) };
  },
});

export const getSandboxOperation = operation({
  operationId: 'getSandbox',
  tag: 'Testing',
  summary: 'Read a sandbox (TEST_MODE only)',
  description: 'Its id, clock and how to use it; reading it counts as use (the idle hour starts again). 404 for an unknown or dropped id.',
  testModeOnly: true,
  params: SandboxParams,
  responses: [{ status: 200, description: 'The sandbox.', schema: SandboxSchema }, ...problems(404)],
  handle: ({ params, ctx }) => ({ status: 200, body: present(ctx, sandboxOf(ctx, params.id)) }),
});

/**
 * Where a browser says a navigation came from (Sec-Fetch-Site): typed or page.goto is "none", a link of
 * this site "same-origin". A link or form of another site ("cross-site", "same-site") must not be able to
 * put a browser into a sandbox. Clients that are not browsers send no such header and hold no cookie jar
 * a site could fill, so they may enter.
 */
const ENTER_FROM = new Set(['none', 'same-origin']);

export const enterSandboxOperation = operation({
  operationId: 'enterSandbox',
  tag: 'Testing',
  summary: 'Enter a sandbox in a browser (TEST_MODE only)',
  description:
    'Sets the skylark.sandbox cookie and redirects (303) to the search page: from then on the browser (and its page.request in ' +
    'Playwright) is in the sandbox. A new browser context has no cookie, so each Playwright worker enters its own. Open the ' +
    'address in the browser itself (typed, page.goto) or from a page of this server: a navigation another site started ' +
    '(Sec-Fetch-Site: cross-site or same-site) is refused with 403, so a link elsewhere cannot put a browser in a sandbox.',
  testModeOnly: true,
  params: SandboxParams,
  responses: [{ status: 303, description: 'Entered: Set-Cookie puts the browser in the sandbox; Location is the search page.', schema: SandboxSchema, headers: ['Location', 'Set-Cookie'] },
    { status: 403, description: `${PROBLEM_KINDS['cross-site'].title}: ${PROBLEM_KINDS['cross-site'].about}`, schema: ProblemSchema },
    ...problems(404),
  ],
  handle: ({ params, ctx }) => {
    const site = ctx.req.get('Sec-Fetch-Site');
    if (site !== undefined && !ENTER_FROM.has(site)) {
      throw new ApiProblem('cross-site', 'A sandbox cannot be entered from another site: open this address in the browser itself (type it, or page.goto).');
    }
    const sandbox = sandboxOf(ctx, params.id);
    ctx.req.res!.cookie(SANDBOX_COOKIE, sandbox.id, { httpOnly: true, sameSite: 'lax', path: '/' });
    return { status: 303, headers: { Location: '/' }, body: present(ctx, sandbox) };
  },
});

export const deleteSandboxOperation = operation({
  operationId: 'deleteSandbox',
  tag: 'Testing',
  summary: 'Delete a sandbox (TEST_MODE only)',
  description: 'Drops it immediately, freeing its memory; requests that still name it get 404. Content-Type: application/json (else 415).',
  testModeOnly: true,
  params: SandboxParams,
  jsonOnly: true,
  responses: [{ status: 200, description: 'Deleted.', schema: SandboxDeletedSchema }, ...problems(404, 415)],
  handle: ({ params, ctx }) => {
    if (!registry(ctx).delete(params.id)) throw new NotFoundError(`There is no sandbox ${params.id}.`);
    return { status: 200, body: { id: params.id, deleted: true } };
  },
});
