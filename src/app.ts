// createApp builds the Express application from its dependencies and has no side effects:
// it never opens a database, reads the environment or listens. src/server.ts does those.
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { doubleCsrf } from 'csrf-csrf';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppDeps } from './lib/deps.ts';
import { AppError, NotFoundError } from './lib/errors.ts';
import { formatMoney } from './lib/money.ts';
import { sessionCookie } from './lib/session.ts';
import { mountRoutes } from './routes.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      deps: AppDeps;
    }
  }
}

export function createApp(deps: AppDeps): express.Express {
  const { config } = deps;
  const production = config.nodeEnv === 'production';
  const app = express();

  app.set('view engine', 'ejs');
  app.set('views', join(ROOT, 'views'));
  app.set('trust proxy', false);
  app.disable('x-powered-by');
  app.locals.formatMoney = formatMoney;

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
  // A seat map is a few hundred radios: ~45 KB of HTML per passenger and flight, ~4 KB gzipped.
  app.use(compression());
  app.use('/static', express.static(join(ROOT, 'public'), { maxAge: production ? '1h' : 0 }));
  app.use(cookieParser());
  app.use(express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 400 }));
  app.use(express.json({ limit: '64kb' }));
  app.use(sessionCookie(production));
  app.use((req, res, next) => {
    req.deps = deps;
    res.locals.currentPath = req.path;
    next();
  });

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

  mountRoutes(app);

  app.use((_req, _res, next) => next(new NotFoundError()));
  app.use(errorHandler);
  return app;
}

const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const { status, title, detail, extra } = describeError(err);
  if (status >= 500) {
    // Log the error itself, never the request body (it may hold names or card numbers).
    console.error(`${req.method} ${req.path} failed:`, err);
  }
  if (res.headersSent) return;
  if (req.path.startsWith('/api/')) {
    res.status(status).type('application/problem+json').json({ type: 'about:blank', title, status, detail, instance: req.originalUrl, ...extra });
    return;
  }
  res.status(status).render('error', { title, status, detail });
};

function describeError(err: unknown): { status: number; title: string; detail: string; extra: Record<string, unknown> } {
  if (err instanceof AppError) {
    const extra: Record<string, unknown> = {};
    if (err.issues.length > 0) extra.errors = toProblemErrors(err.fieldErrors as Record<string, string[] | undefined>);
    return { status: err.status, title: err.title, detail: err.message, extra };
  }
  const e = err as { code?: string; type?: string; status?: number };
  if (e?.code === 'EBADCSRFTOKEN' || (e?.status === 403 && /csrf/i.test(String((err as Error).message)))) {
    return {
      status: 403,
      title: 'Your form expired',
      detail: 'For your security the form could not be sent. Go back, reload the page and try again.',
      extra: {},
    };
  }
  if (e?.type === 'entity.too.large') {
    return { status: 413, title: 'Too much data', detail: 'What was sent is larger than this form accepts.', extra: {} };
  }
  if (e?.type === 'entity.parse.failed') {
    return { status: 400, title: 'Malformed request', detail: 'The request body is not valid JSON.', extra: {} };
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return { status: e.status, title: 'Bad request', detail: 'The request could not be understood.', extra: {} };
  }
  return {
    status: 500,
    title: 'Something went wrong',
    detail: 'Something went wrong on our side. Your data is safe; please try again.',
    extra: {},
  };
}

function toProblemErrors(fieldErrors: Record<string, string[] | undefined>) {
  return Object.entries(fieldErrors).flatMap(([field, messages]) =>
    (messages ?? []).map((message) => ({ field, message })),
  );
}
