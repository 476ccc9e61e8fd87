// GET /trainer/reset: what a reset deletes, and a form that asks to type RESET; POST does it (CSRF-checked).
import type { Request, Response } from 'express';
import { demoDataCounts, resetDemo } from './reset.ts';

const LABELS: Record<string, string> = {
  bookings: 'Bookings',
  checkouts: 'Checkouts',
  offer_events: 'Offer events',
  funnel_events: 'Funnel steps',
  seat_assignments: 'Seat holds and sold seats',
  payments: 'Payments',
};

function render(req: Request, res: Response, status: number, state: { error?: string; value?: string; done?: boolean }): void {
  const counts = demoDataCounts(req.deps.db);
  const rows = Object.entries(LABELS).map(([table, label]) => ({ table, label, count: String(counts[table] ?? 0) }));
  res.status(status).render('trainer/reset', { pageTitle: 'Reset demo data', view: { rows, ...state } });
}

export function showReset(req: Request, res: Response): void {
  render(req, res, 200, { done: req.query.done === '1' });
}

export function submitReset(req: Request, res: Response): void {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const typed = typeof body.confirm === 'string' ? body.confirm : '';
  if (typed.trim() !== 'RESET') {
    return render(req, res, 422, { error: 'Type RESET (in capitals) to confirm: nothing was deleted.', value: typed });
  }
  resetDemo(req.deps.db);
  res.redirect(303, '/trainer/reset?done=1');
}
