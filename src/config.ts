// Configuration, read from the environment once by src/server.ts and validated here.
// A wrong value stops the start with a message that names the variable and what it accepts.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const ConfigSchema = z.object({
  PORT: z.coerce.number({ error: 'must be a port number' }).int('must be a whole number').min(0).max(65535).default(3000),
  HOST: z.string().min(1, 'must be a host name or IP address').optional(),
  DATABASE_PATH: z.string().min(1, 'must be a file path').default('data/skylark.sqlite'),
  DEMO_SEED: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0).default(20261127),
  DEMO_NOW: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 instant such as 2026-11-27T09:00:00Z' }).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }).default('development'),
  TEST_MODE: z.enum(['0', '1'], { error: 'must be 0 or 1' }).default('0').transform((v) => v === '1'),
  PAYMENT_TIMEOUT_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(1).max(600000).default(10000),
  SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  RATE_LIMIT: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], { error: 'must be trace, debug, info, warn, error, fatal or silent' }).optional(),
  TRAINER_PASSWORD: z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters').optional(),
});

export type Config = {
  port: number;
  /** The address to listen on; every interface when not set. */
  host: string | undefined;
  databasePath: string;
  demoSeed: number;
  demoNow: string | undefined;
  nodeEnv: 'development' | 'production' | 'test';
  testMode: boolean;
  paymentTimeoutMs: number;
  /**
   * Signs the CSRF tokens and the booking-access cookie. Without SESSION_SECRET (refused in production)
   * the server keeps a generated one in its database (src/db/secrets.ts), so a restart keeps forms valid.
   */
  sessionSecret: string;
  /** 'environment' when SESSION_SECRET was set; 'generated' when sessionSecret is a fresh random candidate. */
  sessionSecretSource: 'environment' | 'generated';
  /** Throttles (src/lib/throttle.ts); RATE_LIMIT=off is for benchmarks and refused in production. */
  rateLimit: boolean;
  /** Request logs: info by default, silent when NODE_ENV=test. */
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  /** The trainer console's password; when not set, the first start generates one (src/features/trainer). */
  trainerPassword: string | undefined;
};

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>, randomSecret: () => string): Config {
  const parsed = ConfigSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const production: string[] = [];
  if (c.NODE_ENV === 'production' && !c.SESSION_SECRET) {
    production.push('  SESSION_SECRET: required when NODE_ENV=production (at least 16 random characters, the same for every process)');
  }
  if (c.NODE_ENV === 'production' && c.RATE_LIMIT === 'off') production.push('  RATE_LIMIT: off is for benchmarks only, not when NODE_ENV=production');
  if (production.length > 0) throw new ConfigError(`Invalid configuration:\n${production.join('\n')}`);
  return {
    port: c.PORT,
    host: c.HOST,
    databasePath: c.DATABASE_PATH,
    demoSeed: c.DEMO_SEED,
    demoNow: c.DEMO_NOW,
    nodeEnv: c.NODE_ENV,
    testMode: c.TEST_MODE,
    paymentTimeoutMs: c.PAYMENT_TIMEOUT_MS,
    sessionSecret: c.SESSION_SECRET ?? randomSecret(),
    sessionSecretSource: c.SESSION_SECRET ? 'environment' : 'generated',
    rateLimit: c.RATE_LIMIT === 'on',
    logLevel: c.LOG_LEVEL ?? (c.NODE_ENV === 'test' ? 'silent' : 'info'),
    trainerPassword: c.TRAINER_PASSWORD,
  };
}

/**
 * For the entry points (src/server.ts, src/cli/seed.ts): the configuration of this process, or
 * undefined after printing what is wrong and setting a failing exit code.
 */
export function configOfProcess(): Config | undefined {
  try {
    return loadConfig(process.env, () => randomBytes(32).toString('hex'));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
    return undefined;
  }
}
