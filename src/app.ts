// createApp builds the Express application from its dependencies and has no side effects:
// it never opens a database, reads the environment or listens. src/server.ts does those.
import express, { type RequestHandler } from 'express';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { doubleCsrf } from 'csrf-csrf';
import { dirname, join } from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { AppDeps } from './lib/deps.ts';
import { errorHandler } from './lib/error-mapper.ts';
import { NotFoundError } from './lib/errors.ts';
import { createLogger, requestLogger } from './lib/logger.ts';
import { formatMoney } from './lib/money.ts';
import { sessionCookie } from './lib/session.ts';
import { createThrottles } from './lib/throttle.ts';
import { pageDescription } from './lib/page-descriptions.ts';
import { longDate } from './lib/time.ts';
import { ejsEngine } from './lib/views.ts';
import { tacticVariants } from './features/tactics/variants.ts';
import { identifyTrainer } from './features/trainer/trainer-session.ts';
import { provideLens } from './features/trainer/lens.ts';
import { mountRoutes } from './routes.ts';
import { chooseSandbox } from './features/testing/sandbox-middleware.ts';
import { Sandboxes } from './features/testing/sandboxes.ts';
import { isMovable } from './lib/clock.ts';

function sandboxesFor(deps: AppDeps): Sandboxes | undefined {
  return deps.config.testMode && isMovable(deps.clock) ? new Sandboxes({ root: deps.db, clock: deps.clock }) : undefined;
}

/** Pages and API answers that hold personal data: never kept by a browser or a shared cache. */
const PRIVATE_PATHS = ['/checkouts', '/bookings', '/manage', '/trainer', '/api/v1/checkouts', '/api/v1/bookings', '/api/v1/trainer'];

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      deps: AppDeps;
    }
  }
}

export function createApp(appDeps: AppDeps): express.Express {
  const { config } = appDeps;
  // TEST_MODE: sandboxes, each with its own copy of the demo and its own clock (src/features/testing/).
  const deps: AppDeps = { ...appDeps, sandboxes: appDeps.sandboxes ?? sandboxesFor(appDeps) };
  const production = config.nodeEnv === 'production';
  const app = express();

  // Templates compiled once in production; read again on every render in development and tests.
  app.engine('ejs', ejsEngine({ viewsDir: join(ROOT, 'views'), cache: production, compileDebug: !production }));
  app.set('view engine', 'ejs');
  app.set('views', join(ROOT, 'views'));
  app.set('view cache', production);
  // Pages are built per request (CSRF token, seats left): hashing each body for an ETag buys no
  // 304s. Static files keep theirs (express.static sets its own from size and mtime).
  app.set('etag', false);
  app.set('trust proxy', false);
  app.disable('x-powered-by');
  app.locals.formatMoney = formatMoney;
  app.locals.longDate = longDate; // dates in words through Intl, like money (never an ISO date on a page)

  // First, so every answer (even a refused one) has its X-Request-Id and its log line.
  app.use(requestLogger(deps.logger ?? createLogger(config)));

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: production ? [] : null,
        },
      },
      strictTransportSecurity: production,
    }),
  );
  // Pages are compressed on every request: gzip level 3 of 9 (the default, 6, cost a tenth of a
  // page's CPU for a few per cent fewer bytes). Browsers ask for Brotli first, which the middleware
  // runs at quality 4 with a 4 MB window by default: 1.3 ms for the 81 KB seats page against 0.33 ms at
  // quality 3 with a 256 KB window (larger than any page), and still smaller than gzip (6.6 KB, gzip 9.2 KB).
  // Bodies under 1 KB go as they are.
  app.use(
    compression({
      level: 3,
      threshold: 1024,
      brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 3, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } },
    }),
  );
  app.use('/static', express.static(join(ROOT, 'public'), { maxAge: production ? '1h' : 0 }));
  app.use(cookieParser());
  app.use(express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 400 }));
  app.use(express.json({ limit: '64kb' }));
  app.use(sessionCookie(production));
  app.use(PRIVATE_PATHS, (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use((req, res, next) => {
    req.deps = deps;
    res.locals.currentPath = req.path;
    // A form sent back to be corrected (422, or 409 for a conflict) says so first in its <title>:
    // read when the page renders, after its handler set the status (views/partials/head.ejs).
    Object.defineProperty(res.locals, 'formRefused', { enumerable: true, get: () => res.statusCode === 422 || res.statusCode === 409 });
    res.locals.metaDescription = pageDescription(req.path);
    next();
  });
  // Sticky A/B arms (signed cookie), the signed-in trainer and their tactic lens, for every page.
  app.use(tacticVariants(production), identifyTrainer, provideLens);
  if (deps.sandboxes) app.use(chooseSandbox(deps.sandboxes));

  const { doubleCsrfProtection, generateCsrfToken } = doubleCsrf({
    getSecret: () => config.sessionSecret,
    getSessionIdentifier: (req) => req.sessionId,
    cookieName: 'skylark.csrf',
    cookieOptions: { sameSite: 'strict', secure: production, httpOnly: true, path: '/' },
    getCsrfTokenFromRequest: (req) => (req.body as Record<string, unknown> | undefined)?._csrf as string | undefined,
    // The JSON API is cookie-less and only accepts application/json, which a cross-site form cannot send.
    skipCsrfProtection: (req) => req.path.startsWith('/api/'),
  });
  const exposeCsrfToken: RequestHandler = (req, res, next) => {
    if (!req.path.startsWith('/api/')) res.locals.csrfToken = generateCsrfToken(req, res);
    next();
  };
  app.use(doubleCsrfProtection, exposeCsrfToken);

  mountRoutes(app, createThrottles(config.rateLimit));

  app.use((_req, _res, next) => next(new NotFoundError()));
  app.use(errorHandler);
  return app;
}
