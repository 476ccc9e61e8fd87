// Statements are prepared once per database: each repository gives its prepare function to
// preparedOnce and calls the result with the db it is handed (tests use a database each).
import type { Db } from './database.ts';

export function preparedOnce<T>(prepare: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let statements = cache.get(db);
    if (!statements) {
      statements = prepare(db);
      cache.set(db, statements);
    }
    return statements;
  };
}

const catalogueCaches: Array<WeakMap<Db, unknown>> = [];

/**
 * For catalogue reads (airports, fare families): the first result per database is kept and handed
 * out again, so callers must not mutate it. The catalogue only changes when it is seeded, and
 * seedCatalogue calls forgetCatalogueCaches.
 */
export function cachedCatalogue<T>(load: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  catalogueCaches.push(cache);
  return (db) => {
    if (cache.has(db)) return cache.get(db) as T;
    const value = load(db);
    cache.set(db, value);
    return value;
  };
}

export function forgetCatalogueCaches(db: Db): void {
  for (const cache of catalogueCaches) cache.delete(db);
}
