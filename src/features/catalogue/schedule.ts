// The route network and the daily timetable. The timetable depends on the clock only (not on the
// seed), so flight numbers and times stay the same across seeds: SX160 is always Dublin → Lisbon
// at the same local time, which testers and trainers can rely on.
import { WIDE_BODY_MIN_KM, type AircraftCode } from './aircraft.ts';
import { airportByCode, distanceKm, type Airport } from './airports.ts';
import { hashString } from './random.ts';

export const AIRLINE_CODE = 'SX';
export const HUB = 'DUB';
export const SCHEDULE_DAYS = 330;

/** [first airport, second airport, flights a day each way]. The order fixes the flight numbers. */
export const ROUTE_PAIRS: readonly (readonly [string, string, number])[] = [
  // Hub and spoke from Dublin: SX100-SX349
  ['DUB', 'LHR', 5],
  ['DUB', 'CDG', 4],
  ['DUB', 'AMS', 4],
  ['DUB', 'FRA', 3],
  ['DUB', 'MAD', 3],
  ['DUB', 'BCN', 3],
  ['DUB', 'LIS', 3],
  ['DUB', 'FCO', 3],
  ['DUB', 'MXP', 2],
  ['DUB', 'MUC', 3],
  ['DUB', 'ZRH', 2],
  ['DUB', 'VIE', 2],
  ['DUB', 'CPH', 3],
  ['DUB', 'ARN', 2],
  ['DUB', 'OSL', 2],
  ['DUB', 'HEL', 1],
  ['DUB', 'ATH', 1],
  ['DUB', 'PRG', 2],
  ['DUB', 'WAW', 2],
  ['DUB', 'BRU', 3],
  ['DUB', 'EDI', 3],
  ['DUB', 'JFK', 2],
  ['DUB', 'BOS', 1],
  ['DUB', 'YYZ', 1],
  ['DUB', 'DXB', 1],
  // Point to point, mostly from the Lisbon base: SX350-SX519
  ['LIS', 'MAD', 2],
  ['LIS', 'BCN', 1],
  ['LIS', 'CDG', 2],
  ['LIS', 'LHR', 2],
  ['LIS', 'FCO', 1],
  ['LIS', 'JFK', 1],
  ['LIS', 'BOS', 1],
  ['LHR', 'JFK', 2],
  ['LHR', 'EDI', 3],
  ['MAD', 'BCN', 3],
  ['AMS', 'CPH', 1],
  ['CDG', 'FCO', 2],
  ['FRA', 'VIE', 1],
  ['MUC', 'ATH', 1],
  ['ARN', 'HEL', 2],
  ['OSL', 'CPH', 1],
  ['WAW', 'PRG', 1],
];

export type Route = {
  id: number;
  origin: string;
  destination: string;
  distanceKm: number;
  durationMin: number;
  aircraftCode: AircraftCode;
  frequency: number;
  /** Flight numbers by daily slot, earliest first, e.g. ['SX160', 'SX162', 'SX164']. */
  flightNumbers: string[];
  /** Local departure times at the origin (minutes after midnight), one per slot. */
  departureMinutes: number[];
};

export type ScheduledFlight = {
  flightNumber: string;
  routeId: number;
  origin: string;
  destination: string;
  departureDate: string; // YYYY-MM-DD, local at the origin
  localDepartureMinutes: number;
  departsAt: string; // UTC ISO, as Date#toISOString writes it, so it compares as text with clock.now().toISOString()
  arrivesAt: string;
  aircraftCode: AircraftCode;
  distanceKm: number;
};

/** Block time: 30 minutes of taxi, climb and approach plus cruise at ~800 km/h, to 5 minutes. */
export function blockMinutes(km: number): number {
  return Math.round((30 + (km * 60) / 800) / 5) * 5;
}

// Local departure templates by daily frequency, in minutes after midnight. Each direction of each
// route then shifts its template by a fixed 0-55 minutes so the whole network does not leave on the hour.
const SHORT_HAUL_TEMPLATES: Record<number, readonly number[]> = {
  2: [7 * 60, 17 * 60],
  3: [6 * 60 + 30, 12 * 60 + 30, 18 * 60 + 30],
  4: [6 * 60 + 15, 10 * 60 + 45, 15 * 60 + 15, 19 * 60 + 30],
  5: [6 * 60, 9 * 60 + 30, 13 * 60, 16 * 60 + 30, 20 * 60],
};
const SINGLE_DAILY = [8 * 60, 10 * 60 + 30, 13 * 60, 15 * 60 + 30, 18 * 60] as const;

// Long haul follows the real banks: Europe → North America late morning, back overnight in the
// evening; Europe → Gulf early afternoon, back in the morning.
function longHaulTemplate(from: Airport, to: Airport, frequency: number): readonly number[] {
  const banks =
    from.region === 'europe' && to.region === 'north_america' ? [10 * 60 + 30, 15 * 60 + 30]
    : from.region === 'north_america' ? [18 * 60, 21 * 60]
    : from.region === 'europe' ? [13 * 60 + 30, 20 * 60]
    : [7 * 60 + 45, 14 * 60];
  return banks.slice(0, frequency);
}

const EARLIEST = 6 * 60;
const LATEST = 22 * 60;

function departureMinutesFor(from: Airport, to: Airport, km: number, frequency: number): number[] {
  const key = hashString(`${from.code}-${to.code}`);
  let template: readonly number[];
  if (km > WIDE_BODY_MIN_KM && frequency <= 2) template = longHaulTemplate(from, to, frequency);
  else if (frequency === 1) template = [SINGLE_DAILY[key % SINGLE_DAILY.length] as number];
  else template = SHORT_HAUL_TEMPLATES[frequency] ?? [];
  if (template.length !== frequency) throw new Error(`No timetable template for ${frequency} flights a day`);
  const last = template[template.length - 1] as number;
  const maxShift = Math.min(55, LATEST - last);
  const shift = 5 * ((key >>> 8) % (Math.floor(maxShift / 5) + 1));
  return template.map((m) => Math.max(EARLIEST, m + shift));
}

/** Both directions of every pair. Route ids: 2·pair + 1 for the listed direction, + 2 for the reverse. */
export function buildRoutes(): Route[] {
  const routes: Route[] = [];
  ROUTE_PAIRS.forEach(([a, b, frequency], pair) => {
    if (frequency < 1 || frequency > 5) throw new Error(`${a}-${b}: 1 to 5 flights a day fit the numbering`);
    const km = distanceKm(airportByCode(a), airportByCode(b));
    for (const reverse of [false, true]) {
      const origin = airportByCode(reverse ? b : a);
      const destination = airportByCode(reverse ? a : b);
      const flightNumbers = Array.from({ length: frequency }, (_, slot) => `${AIRLINE_CODE}${100 + 10 * pair + 2 * slot + (reverse ? 1 : 0)}`);
      routes.push({
        id: 2 * pair + (reverse ? 2 : 1),
        origin: origin.code,
        destination: destination.code,
        distanceKm: km,
        durationMin: blockMinutes(km),
        aircraftCode: km > WIDE_BODY_MIN_KM ? 'A333' : 'A320',
        frequency,
        flightNumbers,
        departureMinutes: departureMinutesFor(origin, destination, km, frequency),
      });
    }
  });
  return routes;
}

// ---- Time zones, with Intl only -----------------------------------------------------------------

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes the zone's wall clock is ahead of UTC at that instant (Lisbon in summer: 60). */
export function utcOffsetMinutes(timeZone: string, instantMs: number): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  const f: Record<string, number> = {};
  for (const part of formatter.formatToParts(instantMs)) if (part.type !== 'literal') f[part.type] = Number(part.value);
  const wall = Date.UTC(f.year ?? 0, (f.month ?? 1) - 1, f.day ?? 1, f.hour ?? 0, f.minute ?? 0, f.second ?? 0);
  return Math.round((wall - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

/**
 * The UTC instant of a wall-clock time in a zone. Guess with the offset at the wall time read as UTC,
 * then correct once with the offset at the guess: that settles every DST change. A time that does not
 * exist (inside a spring-forward gap) comes out one hour later; a repeated autumn hour gives the later instant.
 */
export function zonedTimeToUtc(localDate: string, localTime: string, timeZone: string): Date {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  const [hh, mm] = localTime.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const first = utcOffsetMinutes(timeZone, wall);
  const guess = wall - first * 60_000;
  const second = utcOffsetMinutes(timeZone, guess);
  return new Date(second === first ? guess : wall - second * 60_000);
}

/** YYYY-MM-DD of an instant on the zone's wall clock. */
export function localDateIn(timeZone: string, instantMs: number): string {
  return new Date(instantMs + utcOffsetMinutes(timeZone, instantMs) * 60_000).toISOString().slice(0, 10);
}

export function minutesToTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Every flight of the next `days` local dates at each origin, starting with the origin's date of
 * `now` (that day's earlier flights included, so every date has its full timetable; search hides
 * departed flights). Sorted by departure instant, then flight number, which fixes the flight ids.
 */
export function buildSchedule(routes: readonly Route[], now: Date, days = SCHEDULE_DAYS): ScheduledFlight[] {
  // ~60,000 flights: this runs inside the seed, so the per-flight work is kept to arithmetic.
  // Intl is slow, and a zone's offset changes at most once a day, so it is read once per zone and
  // date at UTC noon; when the day before and the day after agree, that offset holds for the whole
  // local day. Only DST days go through the exact zonedTimeToUtc.
  const calendars = new Map<string, { dates: string[]; offsets: Map<string, number[]> }>();
  const calendarFor = (firstDate: string) => {
    let calendar = calendars.get(firstDate);
    if (!calendar) {
      calendar = { dates: Array.from({ length: days + 2 }, (_, i) => addDays(firstDate, i - 1)), offsets: new Map() };
      calendars.set(firstDate, calendar);
    }
    return calendar;
  };

  const flights: ScheduledFlight[] = [];
  const departures: number[] = [];
  for (const route of routes) {
    const { timeZone } = airportByCode(route.origin);
    const firstDate = localDateIn(timeZone, now.getTime());
    const calendar = calendarFor(firstDate);
    let offsets = calendar.offsets.get(timeZone);
    if (!offsets) {
      offsets = calendar.dates.map((date) => utcOffsetMinutes(timeZone, Date.parse(`${date}T12:00:00Z`)));
      calendar.offsets.set(timeZone, offsets);
    }
    const firstMidnight = Date.parse(`${firstDate}T00:00:00Z`);
    for (let day = 0; day < days; day++) {
      // calendar index day + 1 is this date; day and day + 2 are its neighbours.
      const date = calendar.dates[day + 1] as string;
      const offset = offsets[day + 1] as number;
      const steady = offsets[day] === offset && offsets[day + 2] === offset;
      const midnight = firstMidnight + day * 86_400_000;
      for (let slot = 0; slot < route.departureMinutes.length; slot++) {
        const minutes = route.departureMinutes[slot] as number;
        const departsMs = steady ? midnight + (minutes - offset) * 60_000 : zonedTimeToUtc(date, minutesToTime(minutes), timeZone).getTime();
        departures.push(departsMs);
        flights.push({
          flightNumber: route.flightNumbers[slot] as string,
          routeId: route.id,
          origin: route.origin,
          destination: route.destination,
          departureDate: date,
          localDepartureMinutes: minutes,
          departsAt: new Date(departsMs).toISOString(),
          arrivesAt: new Date(departsMs + route.durationMin * 60_000).toISOString(),
          aircraftCode: route.aircraftCode,
          distanceKm: route.distanceKm,
        });
      }
    }
  }
  const order = flights.map((_, i) => i);
  order.sort((a, b) => (departures[a] as number) - (departures[b] as number) || ((flights[a] as ScheduledFlight).flightNumber < (flights[b] as ScheduledFlight).flightNumber ? -1 : 1));
  return order.map((i) => flights[i] as ScheduledFlight);
}
