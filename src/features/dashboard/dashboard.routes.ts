// GET /trainer/dashboard: the figures with the filters of its GET form (behind requireTrainer, never cached).
// GET /trainer/present?tactic=<code>&<filters>: the presenter view, rendered on the server with a refresh
// link; with JavaScript it follows GET /trainer/present/live (Server-Sent Events through streamFigures:
// one stream, no polling) and updates its figures in place.
import type { Request, Response } from 'express';
import { ValidationError, type FieldErrors } from '../../lib/errors.ts';
import { fieldErrorsFrom } from '../../lib/validation.ts';
import { experiments } from './experiments.ts';
import { streamCsv } from './export.ts';
import { dashboardFigures } from './figures.ts';
import { filterOptionRows } from './figures.repository.ts';
import { filtersQuery, parseDashboardFilters, type DashboardFilters } from './filters.ts';
import { dashboardView, type FilterOptions, type FilterValues } from './dashboard.view.ts';
import { streamFigures } from './live.ts';
import { presentation, presenterLiveFigures } from './present.ts';
import type { Db } from '../../db/database.ts';

const FIELDS = ['from', 'to', 'route', 'family', 'traffic', 'tactic', 'variant', 'dark', 'workshop'] as const;

export function filterOptions(db: Db): FilterOptions {
  const rows = filterOptionRows(db);
  return {
    routes: rows.routes.map((r) => ({ value: `${r.origin}-${r.destination}`, label: `${r.origin} → ${r.destination}` })),
    families: rows.families.map((f) => ({ value: f.code, label: f.name })),
    tactics: rows.tactics.map((t) => ({ value: t.code, label: t.name })),
  };
}

/** The query as the form's typed values (strings only: a repeated parameter keeps its first value). */
export function queryValues(query: Request['query']): FilterValues {
  const out = {} as FilterValues;
  for (const field of FIELDS) {
    const v = query[field];
    out[field] = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
  }
  return out;
}

/** The filters of the query: only the form's fields are read (any other parameter is ignored). */
export function filtersOf(req: Request): DashboardFilters {
  const values = queryValues(req.query);
  const raw = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
  return parseDashboardFilters(req.deps.db, raw);
}

export function showDashboard(req: Request, res: Response): void {
  const { db } = req.deps;
  const values = queryValues(req.query);
  let filters: DashboardFilters;
  try {
    filters = filtersOf(req);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const errors: FieldErrors = fieldErrorsFrom(error.issues, (path) => (FIELDS as readonly unknown[]).includes(path[0]) ? String(path[0]) : undefined);
    const view = dashboardView({ figures: null, experiments: [], values, errors, options: filterOptions(db), exportQuery: '' });
    return res.status(422).render('trainer/dashboard', { pageTitle: 'Dashboard', view });
  }
  const view = dashboardView({
    figures: dashboardFigures(db, filters),
    experiments: experiments(db, filters),
    values: { ...values, traffic: filters.traffic, dark: filters.dark },
    errors: {},
    options: filterOptions(db),
    exportQuery: filtersQuery(filters),
  });
  res.status(200).render('trainer/dashboard', { pageTitle: 'Dashboard', view });
}

/** GET /trainer/export/offer-events.csv and /trainer/export/bookings.csv with the dashboard's filters (422 page on bad filters). */
export function exportCsv(kind: 'offer-events' | 'bookings') {
  return async (req: Request, res: Response): Promise<void> => {
    const filters = filtersOf(req); // a ValidationError becomes the error page with 422
    const day = req.deps.clock.now().toISOString().slice(0, 10);
    res.status(200);
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="skylark-${kind}-${filters.traffic}-${day}.csv"`);
    await streamCsv(req.deps.db, kind, filters, res);
  };
}

export function showPresenter(req: Request, res: Response): void {
  let view;
  try {
    view = presentation(req.deps.db, filtersOf(req));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return res.status(422).render('trainer/present', { pageTitle: 'Presenter view', view: null, errors: error.issues.map((i) => i.message) });
  }
  res.status(200).render('trainer/present', { pageTitle: view.experiment ? `${view.experiment.name}: A or B?` : 'Presenter view', view, errors: [] });
}

/** The presenter view's figures as a text/event-stream (the 422 page for bad filters, before streaming). */
export function streamPresenter(req: Request, res: Response): void {
  const { db } = req.deps;
  const filters = filtersOf(req);
  streamFigures(req, res, () => {
    const e = presentation(db, filters).experiment;
    return e ? presenterLiveFigures(e) : {};
  });
}
