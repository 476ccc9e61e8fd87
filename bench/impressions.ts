// npm run bench:impressions: what recording one page view's impressions costs as offer_events grows
// (issue 9: "impressions cost the same at 1,000,000 events as at 1,000"). For each size it fills a WAL
// database file with that many events (mostly results impressions of visitors without a checkout, as
// on a busy demo), runs PRAGMA optimize as the server now does at start, then records page views of 24
// impressions each for new visitors and for returning ones (every impression a repeat), and prints
// the median and p95 per page view. Each view adds its 24 events, so a size is the count at the start.
// "before" is the schema without migration 006 and the read-then-write of the previous version;
// "after" is the current schema and recordOfferShown. Numbers only: nothing is asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMigrations, migrate, openDatabase, optimize, type Db } from '../src/db/database.ts';
import { recordOfferShown, type OfferEventContext, type OfferImpression } from '../src/features/offers/offer-events.ts';

const SIZES = (process.env.SIZES ?? '1000,1000000').split(',').map(Number);
const VIEWS = Number(process.env.VIEWS ?? 200);
const AT = new Date('2026-11-27T09:00:00Z');

const impressions: OfferImpression[] = Array.from({ length: 24 }, (_, i) => ({
  offer: { code: i % 2 ? 'FARE_FLEX' : 'FARE_STANDARD', kind: 'upsell', category: 'fare' },
  itemKey: `flight:${1000 + Math.floor(i / 2)}`,
  price: { amountMinor: 2500 + i * 100, currency: 'EUR' },
}));

function fill(db: Db, events: number): void {
  const insert = db.prepare(
    `INSERT INTO offer_events (session_id, checkout_id, offer_code, kind, category, placement, item_key, price_minor, currency, event, created_at)
     VALUES (?, ?, ?, 'upsell', 'fare', ?, ?, 2500, 'EUR', ?, '2026-11-27T09:00:00.000Z')`,
  );
  db.transaction(() => {
    for (let i = 0; i < events; i += 1) {
      const session = `visitor-${Math.floor(i / 24)}`;
      if (i % 10 === 0) insert.run(session, `checkout-${Math.floor(i / 240)}`, 'SEAT_STANDARD', 'seats', `seat:p${i}:outbound`, i % 30 === 0 ? 'accepted' : 'shown');
      else insert.run(session, null, i % 2 ? 'FARE_FLEX' : 'FARE_STANDARD', 'results', `flight:${i}`, 'shown');
    }
  })();
}

/** The previous version's recordOfferShown: a SELECT for an earlier row, then an INSERT. */
const beforeStatements = new WeakMap<Db, { already: ReturnType<Db['prepare']>; insert: ReturnType<Db['prepare']> }>();

function recordBefore(db: Db, ctx: OfferEventContext, list: readonly OfferImpression[]): void {
  let statements = beforeStatements.get(db);
  if (!statements) {
    statements = prepareBefore(db);
    beforeStatements.set(db, statements);
  }
  const { already, insert } = statements;
  db.transaction(() => {
    for (const i of list) {
      const values = {
        sessionId: ctx.sessionId,
        checkoutId: ctx.checkoutId ?? null,
        offerCode: i.offer.code,
        kind: i.offer.kind,
        category: i.offer.category,
        placement: ctx.placement,
        itemKey: i.itemKey ?? null,
        priceMinor: i.price.amountMinor,
        currency: i.price.currency,
        createdAt: ctx.at.toISOString(),
      };
      if (!already.get(values)) insert.run(values);
    }
  })();
}

function prepareBefore(db: Db) {
  const already = db.prepare(`
    SELECT 1 FROM offer_events
    WHERE event = 'shown' AND session_id = @sessionId AND checkout_id IS @checkoutId AND offer_code = @offerCode
      AND item_key IS @itemKey AND placement = @placement
    LIMIT 1`);
  const insert = db.prepare(`
    INSERT INTO offer_events (session_id, checkout_id, booking_id, offer_code, kind, category, placement, tactic, variant, item_key, price_minor, currency, event, created_at)
    VALUES (@sessionId, NULL, NULL, @offerCode, @kind, @category, @placement, NULL, NULL, @itemKey, @priceMinor, @currency, 'shown', @createdAt)`);
  return { already, insert };
}

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function measure(record: (ctx: OfferEventContext) => void, label: string): { label: string; newMedianMs: number; newP95Ms: number; repeatMedianMs: number } {
  const fresh: number[] = [];
  const repeat: number[] = [];
  for (let v = 0; v < VIEWS; v += 1) {
    const ctx: OfferEventContext = { sessionId: `bench-${label}-${v}`, placement: 'results', at: AT };
    let t = process.hrtime.bigint();
    record(ctx);
    fresh.push(Number(process.hrtime.bigint() - t) / 1e6);
    t = process.hrtime.bigint();
    record(ctx); // the same visitor reloads: every impression is a repeat
    repeat.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { label, newMedianMs: percentile(fresh, 0.5), newP95Ms: percentile(fresh, 0.95), repeatMedianMs: percentile(repeat, 0.5) };
}

const rows: Array<Record<string, string | number>> = [];
for (const size of SIZES) {
  for (const version of ['before', 'after'] as const) {
    // The old read-then-write is only measured where it stays under a minute.
    if (version === 'before' && size > 200_000 && !process.env.BEFORE_AT_ANY_SIZE) {
      rows.push({ events: size, version, note: 'skipped (set BEFORE_AT_ANY_SIZE=1): ~seconds per view' });
      continue;
    }
    const dir = mkdtempSync(join(tmpdir(), 'skylark-bench-impressions-'));
    const db = openDatabase(join(dir, 'bench.sqlite'));
    migrate(db, version === 'before' ? loadMigrations().filter((m) => m.version <= 5) : loadMigrations());
    const t = Date.now();
    fill(db, size);
    // The previous version never ran PRAGMA optimize, and without statistics its SELECT walked every
    // event without a checkout (index offer_events_by_checkout on checkout_id IS NULL).
    if (version === 'after') optimize(db, 'open');
    const fillS = (Date.now() - t) / 1000;
    const result = measure((ctx) => (version === 'before' ? recordBefore(db, ctx, impressions) : recordOfferShown(db, ctx, impressions)), `${version}-${size}`);
    rows.push({
      events: size,
      version,
      'new visitor ms/view (median)': result.newMedianMs.toFixed(3),
      'p95': result.newP95Ms.toFixed(3),
      'reload ms/view (median)': result.repeatMedianMs.toFixed(3),
      'fill s': fillS.toFixed(1),
    });
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
console.table(rows);
