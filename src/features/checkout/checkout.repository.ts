// Reading and writing checkouts. Statements are prepared once per database.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import { upgradeTargetFamily } from './offer-pricing.ts';

export const DIRECTIONS = ['outbound', 'return'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const PASSENGER_TYPES = ['adult', 'child', 'infant'] as const;
export type PassengerType = (typeof PASSENGER_TYPES)[number];

/** How long an unpaid checkout lives. Seat holds are shorter (15 minutes, see seats). */
export const CHECKOUT_LIFETIME_MS = 3 * 60 * 60 * 1000;

export type CheckoutFlight = {
  direction: Direction;
  flightId: number;
  fareId: number;
  family: string;
  familyName: string;
  cabin: 'economy' | 'business';
  flightNumber: string;
  origin: string;
  destination: string;
  departureDate: string;
  departsAt: string;
  arrivesAt: string;
  aircraftCode: string;
  distanceKm: number;
  adultMinor: number;
  childMinor: number;
  infantMinor: number;
  taxesMinor: number;
  infantTaxesMinor: number;
  currency: string;
  /**
   * What the passengers sit in on this flight: the fare's family, or the upgrade's target family
   * (Business, from the catalogue) once a cabin upgrade (checkout_extras 'upgrade:<direction>') is chosen. Seats and fare inventory follow these.
   */
  seatingFamily: string;
  seatingCabin: 'economy' | 'business';
  seatingFareId: number;
};

export type CheckoutPassenger = {
  idx: number;
  type: PassengerType;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
};

export type Checkout = {
  id: string;
  sessionId: string;
  status: 'open' | 'booked';
  tripType: 'one_way' | 'return';
  adults: number;
  children: number;
  infants: number;
  contactEmail: string | null;
  contactPhone: string | null;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  flights: CheckoutFlight[];
  passengers: CheckoutPassenger[];
};

export type NewCheckout = {
  id: string;
  sessionId: string;
  tripType: 'one_way' | 'return';
  adults: number;
  children: number;
  infants: number;
  now: Date;
  flights: Array<Omit<CheckoutFlight, 'familyName' | 'cabin' | 'seatingFamily' | 'seatingCabin' | 'seatingFareId' | 'flightNumber' | 'origin' | 'destination' | 'departureDate' | 'departsAt' | 'arrivesAt' | 'aircraftCode' | 'distanceKm'>>;
};

function prepare(db: Db) {
  return {
    insertCheckout: db.prepare(`
      INSERT INTO checkouts (id, session_id, trip_type, adults, children, infants, created_at, updated_at, expires_at)
      VALUES (@id, @sessionId, @tripType, @adults, @children, @infants, @now, @now, @expiresAt)`),
    insertFlight: db.prepare(`
      INSERT INTO checkout_flights (checkout_id, direction, flight_id, fare_id, family, adult_minor, child_minor,
                                    infant_minor, taxes_minor, infant_taxes_minor, currency)
      VALUES (@checkoutId, @direction, @flightId, @fareId, @family, @adultMinor, @childMinor,
              @infantMinor, @taxesMinor, @infantTaxesMinor, @currency)`),
    insertPassenger: db.prepare(`
      INSERT INTO checkout_passengers (checkout_id, idx, type) VALUES (@checkoutId, @idx, @type)`),
    checkout: db.prepare('SELECT * FROM checkouts WHERE id = ?'),
    flights: db.prepare(`
      SELECT cf.*, ff.name AS family_name, ff.cabin, f.flight_number, f.origin, f.destination, f.departure_date,
             f.departs_at, f.arrives_at, f.aircraft_code, r.distance_km, up.id AS upgrade_fare_id,
             up.family AS upgrade_family, uf.cabin AS upgrade_cabin
      FROM checkout_flights cf
      JOIN flights f ON f.id = cf.flight_id
      JOIN routes r ON r.id = f.route_id
      JOIN fare_families ff ON ff.code = cf.family
      LEFT JOIN checkout_extras ce ON ce.checkout_id = cf.checkout_id AND ce.item_key = 'upgrade:' || cf.direction
      LEFT JOIN fares up ON ce.item_key IS NOT NULL AND up.flight_id = cf.flight_id AND up.family = @upgradeFamily
      LEFT JOIN fare_families uf ON uf.code = up.family
      WHERE cf.checkout_id = @id
      ORDER BY CASE cf.direction WHEN 'outbound' THEN 0 ELSE 1 END`),
    passengers: db.prepare('SELECT * FROM checkout_passengers WHERE checkout_id = ? ORDER BY idx'),
    updatePassenger: db.prepare(`
      UPDATE checkout_passengers SET given_name = @givenName, family_name = @familyName, date_of_birth = @dateOfBirth
      WHERE checkout_id = @checkoutId AND idx = @idx`),
    updateContact: db.prepare(`
      UPDATE checkouts SET contact_email = @email, contact_phone = @phone, updated_at = @now WHERE id = @checkoutId`),
    touch: db.prepare('UPDATE checkouts SET updated_at = @now WHERE id = @checkoutId'),
  };
}

const s = preparedOnce(prepare);

/** Passengers are numbered adults first, then children, then infants: p1, p2, … */
export function passengerTypes(counts: { adults: number; children: number; infants: number }): PassengerType[] {
  return [
    ...Array<PassengerType>(counts.adults).fill('adult'),
    ...Array<PassengerType>(counts.children).fill('child'),
    ...Array<PassengerType>(counts.infants).fill('infant'),
  ];
}

export function insertCheckout(db: Db, input: NewCheckout): void {
  const st = s(db);
  const now = input.now.toISOString();
  const expiresAt = new Date(input.now.getTime() + CHECKOUT_LIFETIME_MS).toISOString();
  st.insertCheckout.run({ ...input, now, expiresAt });
  for (const flight of input.flights) st.insertFlight.run({ ...flight, checkoutId: input.id });
  passengerTypes(input).forEach((type, index) => st.insertPassenger.run({ checkoutId: input.id, idx: index + 1, type }));
}

type CheckoutRow = {
  id: string;
  session_id: string;
  status: 'open' | 'booked';
  trip_type: 'one_way' | 'return';
  adults: number;
  children: number;
  infants: number;
  contact_email: string | null;
  contact_phone: string | null;
  created_at: string;
  updated_at: string;
  expires_at: string;
};

export function findCheckout(db: Db, id: string): Checkout | undefined {
  const st = s(db);
  const row = st.checkout.get(id) as CheckoutRow | undefined;
  if (!row) return undefined;
  // The cabin upgrade moves the party to the family its price rule names (offer pricing reads it).
  const flights = (st.flights.all({ id, upgradeFamily: upgradeTargetFamily(db) }) as Array<Record<string, unknown>>).map(
    (f): CheckoutFlight => ({
      direction: f.direction as Direction,
      flightId: f.flight_id as number,
      fareId: f.fare_id as number,
      family: f.family as string,
      familyName: f.family_name as string,
      cabin: f.cabin as 'economy' | 'business',
      flightNumber: f.flight_number as string,
      origin: f.origin as string,
      destination: f.destination as string,
      departureDate: f.departure_date as string,
      departsAt: f.departs_at as string,
      arrivesAt: f.arrives_at as string,
      aircraftCode: f.aircraft_code as string,
      distanceKm: f.distance_km as number,
      adultMinor: f.adult_minor as number,
      childMinor: f.child_minor as number,
      infantMinor: f.infant_minor as number,
      taxesMinor: f.taxes_minor as number,
      infantTaxesMinor: f.infant_taxes_minor as number,
      currency: f.currency as string,
      seatingFamily: (f.upgrade_family as string | null) ?? (f.family as string),
      seatingCabin: ((f.upgrade_cabin as string | null) ?? f.cabin) as 'economy' | 'business',
      seatingFareId: (f.upgrade_fare_id as number | null) ?? (f.fare_id as number),
    }),
  );
  const passengers = (st.passengers.all(id) as Array<Record<string, unknown>>).map(
    (p): CheckoutPassenger => ({
      idx: p.idx as number,
      type: p.type as PassengerType,
      givenName: p.given_name as string,
      familyName: p.family_name as string,
      dateOfBirth: (p.date_of_birth as string | null) ?? null,
    }),
  );
  return {
    id: row.id,
    sessionId: row.session_id,
    status: row.status,
    tripType: row.trip_type,
    adults: row.adults,
    children: row.children,
    infants: row.infants,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    flights,
    passengers,
  };
}

export function savePassengers(
  db: Db,
  checkoutId: string,
  input: { passengers: Array<Omit<CheckoutPassenger, 'type'>>; email: string; phone: string; now: Date },
): void {
  const st = s(db);
  db.transaction(() => {
    for (const p of input.passengers) st.updatePassenger.run({ ...p, checkoutId });
    st.updateContact.run({ checkoutId, email: input.email, phone: input.phone, now: input.now.toISOString() });
  })();
}

export function touchCheckout(db: Db, checkoutId: string, now: Date): void {
  s(db).touch.run({ checkoutId, now: now.toISOString() });
}

export function passengersComplete(checkout: Checkout): boolean {
  return (
    checkout.contactEmail !== null &&
    checkout.passengers.every((p) => p.givenName !== '' && p.familyName !== '' && (p.type === 'adult' || p.dateOfBirth))
  );
}

const ownerStatements = preparedOnce((db: Db) => ({
  sessionOf: db.prepare('SELECT session_id FROM checkouts WHERE id = @id').pluck(),
}));

/** The visitor session that opened checkout `id`, or undefined for an unknown id (checkout-owner.ts). */
export function findCheckoutSessionId(db: Db, id: string): string | undefined {
  return ownerStatements(db).sessionOf.get({ id }) as string | undefined;
}
