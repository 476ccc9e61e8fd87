// The table of contents of the application: every route, in the order a customer meets them.
import type { Express } from 'express';
import type { Throttles } from './lib/throttle.ts';
import { API_ROUTES, createApiRouter } from './features/api/api.routes.ts';
import { showApiDocs } from './features/api/docs.routes.ts';
import { addCarToBookingPage, addHotelToBookingPage, downloadCalendar, showBooking } from './features/bookings/bookings.routes.ts';
import { ownCheckoutOnly } from './features/checkout/checkout-owner.ts';
import { loadCheckout } from './features/checkout/steps.ts';
import { quoteExtras, showExtras, submitExtras } from './features/extras/extras.routes.ts';
import { showFareRules, showPrivacy, showTerms } from './features/info/info.routes.ts';
import { requireBookingAccess } from './features/manage/booking-access.ts';
import { cancelCarPage, cancelHotelPage, payPurchase, reviewPurchase, showManageBooking, showPurchaseChallenge, submitPurchaseChallenge } from './features/manage/manage-booking.routes.ts';
import { showManage, submitManage } from './features/manage/manage.routes.ts';
import { showPassengers, submitPassengers } from './features/passengers/passengers.routes.ts';
import { showChallenge, showReview, submitChallenge, submitPayment, submitReviewInsurance } from './features/payment/payment.routes.ts';
import { quoteSeats, showSeats, submitSeats } from './features/seats/seats.routes.ts';
import { showFareUpgrade, submitFareUpgrade } from './features/search/fare-upgrade.routes.ts';
import { chooseFares, showNetwork, showResults, showSearch } from './features/search/search.routes.ts';
import { requireTrainer } from './features/trainer/trainer-session.ts';
import { showPlaybook, showSignIn, submitLens, submitSignIn, submitSignOut, submitTactic } from './features/trainer/trainer.routes.ts';
import { exportCsv, showDashboard, showPresenter, streamPresenter } from './features/dashboard/dashboard.routes.ts';
import { recordFunnel } from './features/dashboard/funnel.ts';
import { streamDashboard } from './features/dashboard/live.ts';
import { showReset, submitReset } from './features/dashboard/reset.routes.ts';
import { showWorkshop } from './features/dashboard/workshop.routes.ts';
import { showSimulate, submitCancel, submitSimulate } from './features/simulator/simulate.routes.ts';

export function mountRoutes(app: Express, throttle: Throttles): void {
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Customer flow (the funnel of the trainer dashboard records the steps it reaches)
  app.use(recordFunnel);
  app.get('/', showSearch);
  app.get('/flights', showResults);
  app.get('/where-we-fly', showNetwork);
  app.post('/checkouts', chooseFares);
  app.use('/checkouts/:id', ownCheckoutOnly); // another session's checkout is a 404
  app.get('/checkouts/:id/upgrade', loadCheckout, showFareUpgrade); // free_to_paid_upgrade: Basic or Standard, asked once
  app.post('/checkouts/:id/upgrade', loadCheckout, submitFareUpgrade);
  app.get('/checkouts/:id/passengers', loadCheckout, showPassengers);
  app.post('/checkouts/:id/passengers', loadCheckout, submitPassengers);
  app.get('/checkouts/:id/seats', loadCheckout, showSeats);
  app.post('/checkouts/:id/seats', loadCheckout, submitSeats);
  app.post('/checkouts/:id/seats/quote', loadCheckout, quoteSeats); // the live price bar: JSON, nothing saved
  app.get('/checkouts/:id/extras', loadCheckout, showExtras);
  app.post('/checkouts/:id/extras', loadCheckout, submitExtras);
  app.post('/checkouts/:id/extras/quote', loadCheckout, quoteExtras); // the live price bar: JSON, nothing saved
  app.get('/checkouts/:id/review', loadCheckout, showReview);
  app.post('/checkouts/:id/review/insurance', loadCheckout, submitReviewInsurance);
  app.post('/checkouts/:id/payment', throttle.paymentPerClient, throttle.paymentPerCheckout, loadCheckout, submitPayment);
  app.get('/checkouts/:id/payment/challenge/:challengeId', loadCheckout, showChallenge);
  app.post('/checkouts/:id/payment/challenge/:challengeId', throttle.paymentPerClient, throttle.paymentPerCheckout, loadCheckout, submitChallenge);
  // A booking opens to the session that made it, or to a Manage booking look-up (reference + family name).
  app.get('/bookings/:reference', throttle.bookingLookup, requireBookingAccess, showBooking);
  app.get('/bookings/:reference/calendar.ics', throttle.bookingLookup, requireBookingAccess, downloadCalendar); // "Add to calendar"
  app.post('/bookings/:reference/hotel', requireBookingAccess, addHotelToBookingPage);
  app.post('/bookings/:reference/car', requireBookingAccess, addCarToBookingPage);
  // Manage booking: the booking's page, what can still be bought (each through a review and a card payment)
  app.get('/bookings/:reference/manage', throttle.bookingLookup, requireBookingAccess, showManageBooking);
  app.post('/bookings/:reference/manage/review', requireBookingAccess, reviewPurchase);
  app.post('/bookings/:reference/manage/pay', throttle.paymentPerClient, requireBookingAccess, payPurchase);
  app.get('/bookings/:reference/manage/purchases/:purchaseId/challenge', requireBookingAccess, showPurchaseChallenge);
  app.post('/bookings/:reference/manage/purchases/:purchaseId/challenge', throttle.paymentPerClient, requireBookingAccess, submitPurchaseChallenge);
  app.post('/bookings/:reference/manage/hotel/cancel', requireBookingAccess, cancelHotelPage);
  app.post('/bookings/:reference/manage/car/cancel', requireBookingAccess, cancelCarPage);
  app.get('/manage', showManage);
  app.post('/manage', throttle.bookingLookup, submitManage);
  // What a customer agrees to and what we keep (linked at payment and in every footer)
  app.get('/terms', showTerms);
  app.get('/fare-rules', showFareRules);
  app.get('/privacy', showPrivacy);

  // Trainers: the console (src/features/trainer; no-store like every private path), all but sign-in behind requireTrainer
  app.get('/trainer/sign-in', showSignIn);
  app.post('/trainer/sign-in', throttle.trainerSignIn, submitSignIn);
  app.post('/trainer/sign-out', requireTrainer, submitSignOut);
  app.get('/trainer', requireTrainer, showPlaybook);
  app.post('/trainer/tactics/:code', requireTrainer, submitTactic);
  app.post('/trainer/lens', requireTrainer, submitLens);
  app.get('/trainer/dashboard', requireTrainer, showDashboard);
  app.get('/trainer/dashboard/live', requireTrainer, streamDashboard);
  app.get('/trainer/present', requireTrainer, showPresenter);
  app.get('/trainer/present/live', requireTrainer, streamPresenter);
  app.get('/trainer/export/offer-events.csv', requireTrainer, exportCsv('offer-events'));
  app.get('/trainer/export/bookings.csv', requireTrainer, exportCsv('bookings'));
  app.get('/trainer/reset', requireTrainer, showReset);
  app.get('/trainer/workshop', requireTrainer, showWorkshop);
  app.post('/trainer/reset', requireTrainer, submitReset);
  app.get('/trainer/simulate', requireTrainer, showSimulate);
  app.post('/trainer/simulate', requireTrainer, submitSimulate);
  app.post('/trainer/simulate/cancel', requireTrainer, submitCancel);

  // Testers: the JSON API (its own table of contents: src/features/api/api.routes.ts) and its reference
  app.use('/api/v1', createApiRouter(API_ROUTES, throttle));
  app.get('/docs/api', showApiDocs(API_ROUTES));
}
