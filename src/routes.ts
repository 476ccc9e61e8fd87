// The table of contents of the application: every route, in the order a customer meets them.
import type { Express } from 'express';

export function mountRoutes(app: Express): void {
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
}
