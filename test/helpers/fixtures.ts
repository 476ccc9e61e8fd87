// The one set of test data the tests share: the simulated processor's test cards, the card holder,
// the contact and passengers every flow enters, and the trips (with what each is good for). A test
// that needs something else says so where it is used.

/** The test cards of src/features/payment/card.ts (TEST_CARDS), as a customer types them. */
export const CARDS = {
  approve: '4242 4242 4242 4242',
  decline: '4000 0000 0000 0002',
  insufficientFunds: '4000 0000 0000 9995',
  challenge: '4000 0027 6000 3184',
  timeout: '4000 0000 0000 0119',
  mastercard: '5555 5555 5555 4444',
  amex: '3782 822463 10005',
  /** The approving card with its last digit changed: fails the Luhn check. */
  luhnFails: '4242 4242 4242 4241',
} as const;

export const CARD_HOLDER = { name: 'Ada Lovelace', expiry: '12/30', cvc: '123' } as const;

export const CONTACT = { email: 'ada@example.com', phone: '+353 1 555 0100' } as const;

/** Given names in passenger order; every passenger is a Lovelace. */
export const GIVEN_NAMES = ['Ada', 'Brian', 'Cora', 'Dara', 'Eve', 'Finn', 'Gina', 'Hugo', 'Iris', 'Jack', 'Kate', 'Liam'] as const;
export const FAMILY_NAME = 'Lovelace';
/** Dates of birth that make a child and an infant on every trip of the schedule. */
export const CHILD_DOB = '2018-05-01';
export const INFANT_DOB = '2026-03-01';

export type Trip = {
  from: string;
  to: string;
  depart: string;
  return?: string;
  adults?: number;
  children?: number;
  infants?: number;
  /** Fare family to pick on each direction (the first flight that sells it). */
  family?: 'basic' | 'standard' | 'flex' | 'business';
};

/** The party of a trip in passenger order (adults, then children, then infants), as the domain stores it. */
export function passengersOf(trip: Trip): Array<{ idx: number; givenName: string; familyName: string; dateOfBirth: string | null }> {
  const adults = trip.adults ?? 1;
  const children = trip.children ?? 0;
  const infants = trip.infants ?? 0;
  return Array.from({ length: adults + children + infants }, (_, i) => ({
    idx: i + 1,
    givenName: GIVEN_NAMES[i] ?? 'Alex',
    familyName: FAMILY_NAME,
    dateOfBirth: i < adults ? null : i < adults + children ? CHILD_DOB : INFANT_DOB,
  }));
}

/**
 * Trips of the seeded schedule (TEST_SEED, TEST_NOW = 2026-11-27): every one has flights on sale in
 * each family named. Short haul (LHR, LIS) flies an A320; New York an A330 with a business cabin.
 */
export const TRIPS = {
  /** One adult to London on Basic: the smallest checkout. */
  soloToLondon: { from: 'DUB', to: 'LHR', depart: '2026-12-10' },
  /** One adult to Lisbon on Basic, one way. */
  soloToLisbon: { from: 'DUB', to: 'LIS', depart: '2026-12-10' },
  /** One adult to New York on Basic: long haul, the A330 has business seats. */
  soloToNewYork: { from: 'DUB', to: 'JFK', depart: '2026-12-10' },
  /** Lisbon and back: two adults and a child. */
  familyToLisbon: { from: 'DUB', to: 'LIS', depart: '2026-12-10', return: '2026-12-14', adults: 2, children: 1 },
  /** Lisbon and back: two adults, a child and an infant on a lap. */
  familyWithInfantToLisbon: { from: 'DUB', to: 'LIS', depart: '2026-12-10', return: '2026-12-14', adults: 2, children: 1, infants: 1 },
} as const satisfies Record<string, Trip>;
