// The meta description of every page (search engines and link previews show it), by path. One table,
// so each page has its own words without every template and handler passing one along.
const DESCRIPTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/$/, 'Search Skylark Air flights across Europe: choose your dates and passengers, compare fares and book with the full price shown up front.'],
  [/^\/where-we-fly$/, 'Every route Skylark Air flies, by airport of departure, each a link to a search.'],
  [/^\/flights$/, 'Skylark Air flights for your dates, with each fare family compared: bags, seat choice, changes and refunds, all-in prices.'],
  [/^\/checkouts\/[^/]+\/upgrade$/, 'Compare the Basic and Standard fares for your Skylark Air trip before you go on.'],
  [/^\/checkouts\/[^/]+\/passengers$/, 'Enter the passengers and contact details for your Skylark Air booking.'],
  [/^\/checkouts\/[^/]+\/seats$/, 'Choose seats on your Skylark Air flights, together or apart, with each seat price shown.'],
  [/^\/checkouts\/[^/]+\/extras$/, 'Add bags, priority boarding, a hotel or other extras to your Skylark Air trip, or go on without them.'],
  [/^\/checkouts\/[^/]+\/(review|payment)/, 'Check your Skylark Air flights, passengers, contact details and price, then pay by card.'],
  [/^\/bookings\/[^/]+\/manage/, 'Manage your Skylark Air booking: add bags, seats, a hotel or insurance, or cancel a hotel.'],
  [/^\/bookings\/[^/]+$/, 'Your Skylark Air booking: reference, flights, passengers, seats and receipt.'],
  [/^\/manage$/, 'Find your Skylark Air booking with its reference and a passenger’s family name.'],
  [/^\/terms$/, 'Skylark Air terms of carriage in plain words: your booking, your fare, what you can change after booking, payment.'],
  [/^\/fare-rules$/, 'Skylark Air fare rules: bags, seats, changes, refunds and priority boarding for Basic, Standard, Flex and Business.'],
  [/^\/privacy$/, 'What Skylark Air keeps about you and why: passengers, contact details, your booking, and only the brand and last four digits of your card.'],
  [/^\/trainer/, 'Skylark Air trainer console: the tactics playbook, the dashboard and the workshop tools.'],
  [/^\/docs\/api/, 'The Skylark Air booking API reference: search, checkouts, seats, offers, payment and bookings.'],
];

const FALLBACK = 'Skylark Air, a demonstration airline: book flights, seats, bags and hotels with the full price shown up front.';

/** The meta description for a request path. */
export function pageDescription(path: string): string {
  return DESCRIPTIONS.find(([pattern]) => pattern.test(path))?.[1] ?? FALLBACK;
}
