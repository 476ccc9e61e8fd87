// `npm run simulate -- --shoppers 5000 --seed 7`: simulated shoppers in DATABASE_PATH (the server's
// configuration: DATABASE_PATH, DEMO_SEED, DEMO_NOW), which is created and seeded when it is missing.
// Parameters: the model's defaults (src/features/simulator/model.ts), or --params <file.json>.
// A progress bar with shoppers per second and the time left goes to stderr; Ctrl-C cancels cleanly.
// The arguments are checked before the database is touched: bad ones are refused and nothing runs.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configOfProcess } from '../config.ts';
import { migrate, openDatabase } from '../db/database.ts';
import { seedCatalogue } from '../features/catalogue/seed.ts';
import { DEFAULT_PARAMS, SimulationInputSchema } from '../features/simulator/model.ts';
import { progressText } from '../features/simulator/progress.ts';
import { simulate } from '../features/simulator/simulate.ts';
import { ValidationError } from '../lib/errors.ts';
import { formatPath, parseInput } from '../lib/validation.ts';

async function main(): Promise<void> {
  const config = configOfProcess();
  if (!config) return;
  const { values } = parseArgs({ options: { shoppers: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, params: { type: 'string' } } });
  const now = config.demoNow ? new Date(config.demoNow) : new Date();
  let input;
  try {
    const params = values.params ? (JSON.parse(readFileSync(values.params, 'utf8')) as unknown) : DEFAULT_PARAMS;
    input = parseInput(SimulationInputSchema, { shoppers: Number(values.shoppers), seed: Number(values.seed), params }, 'The simulation needs other settings.');
  } catch (error) {
    if (error instanceof ValidationError) {
      for (const issue of error.issues) console.error(`${formatPath(issue.path) || 'input'}: ${issue.message}`);
    } else console.error(`--params ${values.params}: ${(error as Error).message}`);
    console.error('Nothing was simulated.');
    process.exitCode = 1;
    return;
  }
  const db = openDatabase(config.databasePath);
  let cancelled = false;
  process.on('SIGINT', () => {
    cancelled = true;
  });
  try {
    migrate(db);
    if ((db.prepare('SELECT COUNT(*) FROM flights').pluck().get() as number) === 0) {
      seedCatalogue(db, { seed: config.demoSeed, now });
      console.error(`Seeded ${config.databasePath} (seed ${config.demoSeed}, now ${now.toISOString()}).`);
    }
    const tty = process.stderr.isTTY;
    const outcome = await simulate(
      {
        db,
        now,
        demoSeed: config.demoSeed,
        isCancelled: () => cancelled,
        onProgress: (p) => {
          const line = progressText(p);
          if (tty) process.stderr.write(`\r${line}`);
          else if (p.done === p.total || p.done % 1000 === 0) process.stderr.write(`${line}\n`);
        },
      },
      input,
    );
    if (tty) process.stderr.write('\n');
    console.log(
      `${outcome.cancelled ? 'Cancelled after' : 'Simulated'} ${outcome.done} shoppers (seed ${values.seed}) in ${(outcome.elapsedMs / 1000).toFixed(1)} s: ${outcome.booked} booked, in ${config.databasePath}.`,
    );
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  } finally {
    db.close();
  }
}

void main();
