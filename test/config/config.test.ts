import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const secret = () => 'x'.repeat(32);

describe('configuration', () => {
  it('has working defaults for a fresh machine', () => {
    const config = loadConfig({}, secret);
    expect(config).toMatchObject({ port: 3000, databasePath: 'data/skylark.sqlite', nodeEnv: 'development', testMode: false, paymentTimeoutMs: 10000 });
    expect(config.demoNow).toBeUndefined();
  });

  it('reads every variable it documents', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        DATABASE_PATH: '/tmp/a.sqlite',
        DEMO_SEED: '42',
        DEMO_NOW: '2026-11-27T09:00:00Z',
        NODE_ENV: 'production',
        TEST_MODE: '1',
        PAYMENT_TIMEOUT_MS: '500',
        SESSION_SECRET: 's'.repeat(20),
        RATE_LIMIT: 'on',
        LOG_LEVEL: 'warn',
      },
      secret,
    );
    expect(config).toMatchObject({
      port: 8080,
      databasePath: '/tmp/a.sqlite',
      demoSeed: 42,
      demoNow: '2026-11-27T09:00:00Z',
      nodeEnv: 'production',
      testMode: true,
      paymentTimeoutMs: 500,
      sessionSecret: 's'.repeat(20),
      sessionSecretSource: 'environment',
      rateLimit: true,
      logLevel: 'warn',
    });
  });

  it.each([
    ['PORT', 'eighty', /PORT: must be a port number/],
    ['PORT', '70000', /PORT/],
    ['DEMO_SEED', '1.5', /DEMO_SEED: must be a whole number/],
    ['DEMO_NOW', 'tomorrow', /DEMO_NOW: must be an ISO-8601 instant/],
    ['NODE_ENV', 'staging', /NODE_ENV: must be development, production or test/],
    ['TEST_MODE', 'yes', /TEST_MODE: must be 0 or 1/],
    ['RATE_LIMIT', 'no', /RATE_LIMIT: must be on or off/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: must be trace/],
  ])('stops on a wrong %s (%s) with a message naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value }, secret)).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value }, secret)).toThrow(message);
  });

  it('refuses to start in production without SESSION_SECRET, naming it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' }, secret)).toThrow(/SESSION_SECRET: required when NODE_ENV=production/);
  });

  it('keeps throttling on by default and refuses RATE_LIMIT=off in production', () => {
    expect(loadConfig({}, secret).rateLimit).toBe(true);
    expect(loadConfig({ RATE_LIMIT: 'off' }, secret).rateLimit).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(20), RATE_LIMIT: 'off' }, secret)).toThrow(/RATE_LIMIT: off is for benchmarks only/);
  });

  it('marks a generated secret as such (the server then keeps one in its database) and logs quietly in tests', () => {
    expect(loadConfig({}, secret)).toMatchObject({ sessionSecret: 'x'.repeat(32), sessionSecretSource: 'generated', logLevel: 'info' });
    expect(loadConfig({ NODE_ENV: 'test' }, secret).logLevel).toBe('silent');
  });
});
