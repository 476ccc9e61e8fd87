// What every domain command receives besides its own input: the database, the instant it runs at,
// the visitor's session and the demo seed. Commands are plain functions:
//   chooseSeats(ctx: CommandContext, checkout: Checkout, input: ChooseSeatsInput): ChosenSeats
// Their input type is z.infer of a zod schema named `<Command>InputSchema`, which is also the JSON
// API's request schema; they throw errors of src/lib/errors.ts with issues by domain path.
import type { Db } from '../db/database.ts';
import type { IdSource } from './ids.ts';

/**
 * Where a session's A/B arms are kept (src/features/tactics/variants.ts: a signed cookie for pages).
 * `set` is called once per tactic, when the session first meets its test.
 */
export type VariantStore = {
  get: (tactic: string) => 'A' | 'B' | undefined;
  set: (tactic: string, arm: 'A' | 'B') => void;
};

/**
 * `variants`: the request's store of A/B arms, so a command sees the arm its page showed (absent in the API: arms from the session id).
 * `ids`: where the ids the command makes come from; absent: the system's CSPRNG (cryptoIds). The simulator passes a seeded source.
 */
export type CommandContext = { db: Db; now: Date; sessionId: string; seed: number; variants?: VariantStore; ids?: IdSource };
