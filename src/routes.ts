// The table of contents of the application: every route, in the order a customer meets them.
import type { Express } from 'express';
import { API_ROUTES, createApiRouter } from './features/api/api.routes.ts';
import { showApiDocs } from './features/api/docs.routes.ts';
import { addHotelToBookingPage, showBooking } from './features/bookings/bookings.routes.ts';
import { loadCheckout } from './features/checkout/steps.ts';
import { showExtras, submitExtras } from './features/extras/extras.routes.ts';
import { showPassengers, submitPassengers } from './features/passengers/passengers.routes.ts';
import { showChallenge, showReview, submitChallenge, submitPayment, submitReviewInsurance } from './features/payment/payment.routes.ts';
import { showSeats, submitSeats } from './features/seats/seats.routes.ts';
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
  app.get('/checkouts/:id/seats', loadCheckout, showSeats);
  app.post('/checkouts/:id/seats', loadCheckout, submitSeats);
  app.get('/checkouts/:id/extras', loadCheckout, showExtras);
  app.post('/checkouts/:id/extras', loadCheckout, submitExtras);
  app.get('/checkouts/:id/review', loadCheckout, showReview);
  app.post('/checkouts/:id/review/insurance', loadCheckout, submitReviewInsurance);
  app.post('/checkouts/:id/payment', loadCheckout, submitPayment);
  app.get('/checkouts/:id/payment/challenge/:challengeId', loadCheckout, showChallenge);
  app.post('/checkouts/:id/payment/challenge/:challengeId', loadCheckout, submitChallenge);
  app.get('/bookings/:reference', showBooking);
  app.post('/bookings/:reference/hotel', addHotelToBookingPage);

  // Testers: the JSON API (its own table of contents: src/features/api/api.routes.ts) and its reference
  app.use('/api/v1', createApiRouter());
  app.get('/docs/api', showApiDocs(API_ROUTES));
}
