// What every domain command receives besides its own input: the database, the instant it runs at,
// the visitor's session and the demo seed. Commands are plain functions:
//   chooseSeats(ctx: CommandContext, checkout: Checkout, input: ChooseSeatsInput): ChosenSeats
// Their input type is z.infer of a zod schema named `<Command>InputSchema`, which is also the JSON
// API's request schema; they throw errors of src/lib/errors.ts with issues by domain path.
import type { Db } from '../db/database.ts';

export type CommandContext = { db: Db; now: Date; sessionId: string; seed: number };
