// Records the funnel from the customer pages: when a response finishes, the step it shows or
// completes is stored for the session (GET / search, GET /flights results, POST /checkouts checkout,
// a checkout step's POST answered with a redirect: passengers, seats, extras; any answer to a
// payment: payment). "booked" is read from the bookings. The JSON API's testers are not counted.
// The shopper simulator records the same steps itself (it calls the commands, not the pages).
import type { NextFunction, Request, Response } from 'express';
import { WORKSHOP_CODE } from './filters.ts';
import { recordFunnelStep, recordWorkshopSession, type RecordedStep } from './funnel.repository.ts';
import { notifyChange } from './live.ts';

const CHANGES = /^\/(api\/v1\/)?(checkouts|bookings)(\/|$)/;
const STEP_POST = /^\/checkouts\/[^/]+\/(passengers|seats|extras|payment)$/;

export function stepOf(method: string, path: string, status: number): RecordedStep | undefined {
  if (method === 'GET' && status === 200) {
    if (path === '/') return 'search';
    if (path === '/flights') return 'results';
    return undefined;
  }
  if (method !== 'POST') return undefined;
  if (path === '/checkouts') return status === 303 ? 'checkout' : undefined;
  const match = STEP_POST.exec(path);
  if (!match) return undefined;
  const step = match[1] as RecordedStep;
  if (step === 'payment') return status < 500 && status !== 404 && status !== 403 ? 'payment' : undefined;
  return status === 303 ? step : undefined;
}

export function recordFunnel(req: Request, res: Response, next: NextFunction): void {
  res.on('finish', () => {
    // Anything that may change the figures (the pages' and the JSON API's writes) wakes the live dashboards.
    if (req.method === 'POST' && res.statusCode < 400 && CHANGES.test(req.path)) notifyChange(req.deps.db);
    const step = stepOf(req.method, req.path, res.statusCode);
    if (!step || !req.sessionId) return;
    try {
      const workshop = req.query.workshop;
      if (step === 'search' && typeof workshop === 'string' && WORKSHOP_CODE.test(workshop)) {
        recordWorkshopSession(req.deps.db, { sessionId: req.sessionId, workshop, at: req.deps.clock.now() });
      }
      recordFunnelStep(req.deps.db, { sessionId: req.sessionId, step, at: req.deps.clock.now() });
    } catch {
      // A measurement must never break the page that was already sent.
    }
  });
  next();
}
