import { describe, expect, it } from 'vitest';
import { aircraftByCode } from '../../src/features/catalogue/aircraft.ts';
import { airportByCode } from '../../src/features/catalogue/airports.ts';
import { seatsLeftByPreload } from '../../src/features/catalogue/preload.ts';
import { blockMinutes, buildRoutes, buildSchedule, SCHEDULE_DAYS, zonedTimeToUtc } from '../../src/features/catalogue/schedule.ts';
import { createTestDb, TEST_NOW } from '../helpers/db.ts';

type FlightRow = {
  flight_number: string;
  route_id: number;
  origin: string;
  destination: string;
  departure_date: string;
  departs_at: string;
  arrives_at: string;
  duration_min: number;
};

// Independent of the code under test: Intl reads the wall clock of the zone directly.
const wallClocks = new Map<string, Intl.DateTimeFormat>();
function wallClock(iso: string, timeZone: string): { date: string; time: string } {
  let f = wallClocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    wallClocks.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

function flightsOf(flightNumber: string): FlightRow[] {
  const db = createTestDb();
  return db
    .prepare('SELECT f.*, r.duration_min FROM flights f JOIN routes r ON r.id = f.route_id WHERE flight_number = ? ORDER BY departure_date')
    .all(flightNumber) as FlightRow[];
}

describe('the route network and timetable', () => {
  it('every route has at least one flight a day each way for 330 days', () => {
    const db = createTestDb();
    const routes = db
      .prepare(
        `SELECT r.origin, r.destination, count(DISTINCT f.departure_date) AS days, min(f.departure_date) AS first, max(f.departure_date) AS last,
                EXISTS (SELECT 1 FROM routes back WHERE back.origin = r.destination AND back.destination = r.origin) AS has_return
           FROM routes r LEFT JOIN flights f ON f.route_id = r.id GROUP BY r.id`,
      )
      .all() as { origin: string; destination: string; days: number; first: string; last: string; has_return: number }[];
    expect(routes.length).toBeGreaterThanOrEqual(60);
    for (const route of routes) {
      const name = `${route.origin}-${route.destination}`;
      expect(route.days, name).toBe(SCHEDULE_DAYS);
      expect(route.first, name).toBe('2026-11-27'); // TEST_NOW is the 27th at every origin
      expect(route.last, name).toBe('2027-10-22');
      expect(route.has_return, name).toBe(1);
    }
  });

  it('flies 120 to 200 flights a day', () => {
    const db = createTestDb();
    const perDay = db.prepare('SELECT count(*) AS n FROM flights GROUP BY departure_date').pluck().all() as number[];
    expect(Math.min(...perDay)).toBeGreaterThanOrEqual(120);
    expect(Math.max(...perDay)).toBeLessThanOrEqual(200);
    const early = db.prepare('SELECT count(*) FROM flights WHERE departs_at < ?').pluck().get(new Date(TEST_NOW).toISOString());
    expect(early).toBeGreaterThan(0); // today's departed flights stay in the timetable; search hides them
  });

  it('each flight number flies one route at one local time between 06:00 and 22:00, on its local date', () => {
    const db = createTestDb();
    expect(db.prepare('SELECT count(*) FROM (SELECT 1 FROM flights GROUP BY flight_number HAVING count(DISTINCT route_id) > 1)').pluck().get()).toBe(0);
    const times = new Map<string, Set<string>>();
    const wrong: string[] = [];
    const rows = db.prepare('SELECT flight_number, origin, departure_date, departs_at FROM flights').all() as FlightRow[];
    for (const row of rows) {
      const local = wallClock(row.departs_at, airportByCode(row.origin).timeZone);
      if (local.date !== row.departure_date || local.time < '06:00' || local.time > '22:00') {
        wrong.push(`${row.flight_number} ${row.departure_date}: leaves ${local.date} ${local.time}`);
      }
      let set = times.get(row.flight_number);
      if (!set) times.set(row.flight_number, (set = new Set()));
      set.add(local.time);
    }
    expect(wrong).toEqual([]);
    expect([...times].filter(([, set]) => set.size !== 1).map(([number]) => number)).toEqual([]);
    expect(times.size).toBe(176);
  });

  it('converts local wall-clock times to UTC through DST changes', () => {
    // Europe moves its clocks on 28 March 2027, the United States two weeks earlier, Dubai never.
    expect(zonedTimeToUtc('2027-03-27', '06:00', 'Europe/Lisbon').toISOString()).toBe('2027-03-27T06:00:00.000Z');
    expect(zonedTimeToUtc('2027-03-28', '06:00', 'Europe/Lisbon').toISOString()).toBe('2027-03-28T05:00:00.000Z');
    expect(zonedTimeToUtc('2027-03-28', '06:00', 'Europe/Berlin').toISOString()).toBe('2027-03-28T04:00:00.000Z');
    expect(zonedTimeToUtc('2027-03-13', '08:00', 'America/New_York').toISOString()).toBe('2027-03-13T13:00:00.000Z');
    expect(zonedTimeToUtc('2027-03-14', '08:00', 'America/New_York').toISOString()).toBe('2027-03-14T12:00:00.000Z');
    expect(zonedTimeToUtc('2027-07-01', '07:45', 'Asia/Dubai').toISOString()).toBe('2027-07-01T03:45:00.000Z');
    // A time inside the spring-forward gap does not exist; it comes out an hour later on the wall clock.
    expect(zonedTimeToUtc('2027-03-28', '01:30', 'Europe/Lisbon').toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  it('departure and arrival times are correct across time zones and DST', () => {
    // SX400 is Lisbon → New York JFK, once a day on the wide-body.
    const outbound = flightsOf('SX400');
    expect(outbound).toHaveLength(SCHEDULE_DAYS);
    const scheduled = wallClock((outbound[0] as FlightRow).departs_at, 'Europe/Lisbon').time;
    for (const f of outbound) {
      expect(f.origin + f.destination).toBe('LISJFK');
      expect((Date.parse(f.arrives_at) - Date.parse(f.departs_at)) / 60_000).toBe(f.duration_min);
      expect(wallClock(f.departs_at, 'Europe/Lisbon')).toEqual({ date: f.departure_date, time: scheduled });
    }
    const on = (flights: FlightRow[], date: string) => flights.find((f) => f.departure_date === date) as FlightRow;
    // Lisbon is UTC+0 in winter and UTC+1 in summer: the same local time is an hour earlier in UTC.
    const winter = on(outbound, '2026-12-10');
    const summer = on(outbound, '2027-06-10');
    expect(winter.departs_at.slice(11, 16)).toBe(scheduled);
    expect(Date.parse(summer.departs_at) - Date.parse('2027-06-10T00:00:00Z')).toBe(Date.parse(winter.departs_at) - Date.parse('2026-12-10T00:00:00Z') - 3_600_000);
    expect(wallClock(winter.arrives_at, 'America/New_York').date).toBe('2026-12-10');

    // SX401 back from New York: between the US and the EU clock changes (14 to 28 March 2027) New York is
    // 4 hours behind Lisbon instead of 5, but the flight still leaves at its New York time.
    const back = flightsOf('SX401');
    const nyTime = wallClock((back[0] as FlightRow).departs_at, 'America/New_York').time;
    for (const date of ['2027-01-15', '2027-03-20', '2027-04-15']) {
      const f = on(back, date);
      expect(wallClock(f.departs_at, 'America/New_York')).toEqual({ date, time: nyTime });
      expect(Date.parse(f.arrives_at) - Date.parse(f.departs_at)).toBe(f.duration_min * 60_000);
    }
    const utcHour = (date: string) => Number(on(back, date).departs_at.slice(11, 13));
    expect(utcHour('2027-03-20')).toBe(utcHour('2027-01-15') - 1);
    expect(utcHour('2027-04-15')).toBe(utcHour('2027-03-20'));
  });

  it('a timetable built in summer keeps local times through the autumn clock changes', () => {
    // TEST_NOW's year only crosses the spring changes; this one crosses Europe's (25 October 2026)
    // and North America's (1 November 2026).
    const routes = buildRoutes();
    const expected = new Map(routes.flatMap((r) => r.flightNumbers.map((n, slot) => [n, r.departureMinutes[slot] as number] as const)));
    const wrong: string[] = [];
    for (const f of buildSchedule(routes, new Date('2026-09-01T12:00:00Z'), 120)) {
      const local = wallClock(f.departsAt, airportByCode(f.origin).timeZone);
      const minutes = expected.get(f.flightNumber) as number;
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      if (local.date !== f.departureDate || local.time !== time) wrong.push(`${f.flightNumber} ${f.departureDate}: ${local.date} ${local.time}, not ${time}`);
    }
    expect(wrong).toEqual([]);
  });

  it('routes have great-circle distances, block times and the right aircraft', () => {
    const routes = buildRoutes();
    const route = (o: string, d: string) => routes.find((r) => r.origin === o && r.destination === d);
    expect(route('DUB', 'LHR')?.distanceKm).toBeGreaterThan(430);
    expect(route('DUB', 'LHR')?.distanceKm).toBeLessThan(470);
    expect(route('DUB', 'JFK')?.distanceKm).toBeGreaterThan(5050);
    expect(route('DUB', 'JFK')?.distanceKm).toBeLessThan(5150);
    expect(route('DUB', 'LIS')?.durationMin).toBe(155); // 1,643 km: 30 min + 123 min, to 5 min
    for (const r of routes) {
      expect(r.durationMin % 5).toBe(0);
      expect(r.durationMin).toBe(blockMinutes(r.distanceKm));
      expect(r.aircraftCode).toBe(r.distanceKm > 4000 ? 'A333' : 'A320');
      expect(route(r.destination, r.origin)?.distanceKm).toBe(r.distanceKm);
    }
  });

  it('the wide-body on long routes has a business cabin and a business fare', () => {
    const db = createTestDb();
    const longRoutes = db.prepare("SELECT origin || '-' || destination FROM routes WHERE distance_km > 4000 ORDER BY 1").pluck().all();
    expect(longRoutes).toContain('LIS-JFK');
    expect(longRoutes).toContain('DUB-JFK');
    expect(db.prepare("SELECT count(*) FROM routes WHERE (distance_km > 4000) <> (aircraft_code = 'A333')").pluck().get()).toBe(0);
    // Every wide-body flight sells business; no narrow-body flight does.
    const mismatched = db
      .prepare(
        `SELECT count(*) FROM flights f
          WHERE (f.aircraft_code = 'A333') <> EXISTS (SELECT 1 FROM fares WHERE flight_id = f.id AND family = 'business')`,
      )
      .pluck()
      .get();
    expect(mismatched).toBe(0);
    // 24 business seats, less the quarter the seat map shows taken far ahead (tickets sold before the demo).
    expect(db.prepare("SELECT max(seats_total) FROM fares WHERE family = 'business'").pluck().get()).toBe(seatsLeftByPreload(aircraftByCode('A333').layout, 'business', 300));
    expect(seatsLeftByPreload(aircraftByCode('A333').layout, 'business', 300)).toBe(18);
  });
});
