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
