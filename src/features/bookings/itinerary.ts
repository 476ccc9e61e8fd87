// The trip as a customer reads it: each flight in the local time of the airport concerned
// (departure at the origin, arrival at the destination), and each passenger's seats.
import type { Db } from '../../db/database.ts';
import { duration, localDate, localTime, longDate } from '../../lib/time.ts';
import type { CheckoutFlight, Direction } from '../checkout/checkout.repository.ts';
import { listAirports, type Airport } from '../search/flights.repository.ts';
import type { SeatHold } from '../seats/seat-holds.ts';

export type LocalMoment = { date: string; time: string; longDate: string; timeZone: string };

export type ItineraryLeg = {
  direction: Direction;
  flightNumber: string;
  familyName: string;
  cabin: 'economy' | 'business';
  origin: Airport;
  destination: Airport;
  departure: LocalMoment;
  arrival: LocalMoment;
  /** Days the arrival's local date is after the departure's (a red-eye arrives "+1"). */
  arrivalDayOffset: number;
  duration: string;
};

function moment(iso: string, airport: Airport): LocalMoment {
  const date = localDate(iso, airport.timeZone);
  return { date, time: localTime(iso, airport.timeZone), longDate: longDate(date), timeZone: airport.timeZone };
}

export function describeItinerary(db: Db, flights: readonly CheckoutFlight[]): ItineraryLeg[] {
  const airports = new Map(listAirports(db).map((a) => [a.code, a]));
  const airport = (code: string): Airport => airports.get(code) ?? { code, name: code, city: code, country: '', timeZone: 'UTC' };
  return flights.map((f) => {
    const origin = airport(f.origin);
    const destination = airport(f.destination);
    const departure = moment(f.departsAt, origin);
    const arrival = moment(f.arrivesAt, destination);
    return {
      direction: f.direction,
      flightNumber: f.flightNumber,
      familyName: f.familyName,
      cabin: f.cabin,
      origin,
      destination,
      departure,
      arrival,
      arrivalDayOffset: Math.round((Date.parse(arrival.date) - Date.parse(departure.date)) / 86_400_000),
      duration: duration(Math.round((Date.parse(f.arrivesAt) - Date.parse(f.departsAt)) / 60_000)),
    };
  });
}

/** "p1:outbound" → "12A", from the seat rows of a checkout or booking. */
export function seatsByPassenger(flights: readonly Pick<CheckoutFlight, 'flightId' | 'direction'>[], seats: readonly SeatHold[]): Map<string, string> {
  const direction = new Map(flights.map((f) => [f.flightId, f.direction]));
  const result = new Map<string, string>();
  for (const seat of seats) {
    const d = direction.get(seat.flightId);
    if (d) result.set(`p${seat.passengerIdx}:${d}`, seat.seat);
  }
  return result;
}
