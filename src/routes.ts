// The table of contents of the application: every route, in the order a customer meets them.
import type { Express } from 'express';
import { loadCheckout } from './features/checkout/steps.ts';
import { showPassengers, submitPassengers } from './features/passengers/passengers.routes.ts';
import { chooseFares, showResults, showSearch } from './features/search/search.routes.ts';

export function mountRoutes(app: Express): void {
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Customer flow
  app.get('/', showSearch);
  app.get('/flights', showResults);
  app.post('/checkouts', chooseFares);
  app.get('/checkouts/:id/passengers', loadCheckout, showPassengers);
  app.post('/checkouts/:id/passengers', loadCheckout, submitPassengers);
}
