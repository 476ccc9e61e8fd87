// Live dashboard updates: something that changes the figures (a customer's or tester's POST to a
// checkout or booking, a simulator batch) calls notifyChange; each open Server-Sent Events stream of
// /trainer/dashboard/live recomputes its headline figures once per burst and sends them. No polling.
import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import type { Db } from '../../db/database.ts';
import { formatMoney } from '../../lib/money.ts';
import { dashboardFigures } from './figures.ts';
import { parseDashboardFilters, type DashboardFilters } from './filters.ts';

const emitters = new WeakMap<Db, EventEmitter>();

function emitterOf(db: Db): EventEmitter {
  let emitter = emitters.get(db);
  if (!emitter) {
    emitter = new EventEmitter();
    emitter.setMaxListeners(0); // one per open dashboard: a room's projector and a few laptops
    emitters.set(db, emitter);
  }
  return emitter;
}

export function notifyChange(db: Db): void {
  emitters.get(db)?.emit('change');
}

export function onChange(db: Db, listener: () => void): () => void {
  const emitter = emitterOf(db);
  emitter.on('change', listener);
  return () => emitter.off('change', listener);
}

/** The figures the live page updates, as text keyed like the page's data-live attributes. */
export function liveFigures(db: Db, filters: DashboardFilters): Record<string, string> {
  const f = dashboardFigures(db, filters);
  const money = (minor: number | null) => (minor === null ? '–' : formatMoney({ amountMinor: minor, currency: f.currency }, { alwaysCents: true }));
  return {
    bookings: String(f.bookings),
    aov: money(f.averageOrderValueMinor),
    'ancillary-per-passenger': money(f.ancillaryPerPassengerMinor),
    'upsell-revenue': money(f.upsellRevenueMinor),
    'cross-sell-revenue': money(f.crossSellRevenueMinor),
  };
}

export const LIVE_DEBOUNCE_MS = 200;
const HEARTBEAT_MS = 25_000;

/** GET /trainer/dashboard/live?<filters>: text/event-stream of `figures` events (the first at once). */
export function streamDashboard(req: Request, res: Response): void {
  const { db } = req.deps;
  const raw = Object.fromEntries(Object.entries(req.query).filter(([, v]) => typeof v === 'string' && v !== ''));
  const filters = parseDashboardFilters(db, raw); // a ValidationError becomes a 422
  streamFigures(req, res, () => liveFigures(db, filters));
}

/**
 * Answers a text/event-stream of `figures` events: `compute()` at once, then again once per burst of
 * changes (notifyChange), with a heartbeat; stops when the client goes. The page's
 * public/js/dashboard-live.js puts each value in the element with that data-live key.
 */
export function streamFigures(req: Request, res: Response, compute: () => Record<string, string>): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  const send = () => {
    res.write(`event: figures\ndata: ${JSON.stringify(compute())}\n\n`);
    (res as Response & { flush?: () => void }).flush?.(); // through the compression middleware
  };
  send();
  let timer: NodeJS.Timeout | undefined;
  const stop = onChange(req.deps.db, () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      send();
    }, LIVE_DEBOUNCE_MS);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  req.on('close', () => {
    stop();
    clearInterval(heartbeat);
    if (timer) clearTimeout(timer);
  });
}
