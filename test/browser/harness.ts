// Starts the real server (tsx src/server.ts) on a free port with its own database file, and
// Debian's Chromium through playwright-core. Used by the browser specs only.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** The repository root: the server and the examples run from here whatever the caller's directory. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export type RunningServer = { url: string; output: () => string; stop: () => Promise<void> };

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'skylark-browser-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      DATABASE_PATH: join(dir, 'skylark.sqlite'),
      DEMO_NOW: '2026-11-27T09:00:00Z',
      DEMO_SEED: '20261127',
      NODE_ENV: 'test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The server did not start within 30 s:\n${output}`)), 30000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /ready on (http:\/\/localhost:\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The server exited with ${code}:\n${output}`));
      });
    });
  } catch (error) {
    // Never leave a half-started server (or its database) behind a failed start.
    if (child.exitCode === null) child.kill('SIGKILL');
    cleanUp();
    throw error;
  }
  return {
    url,
    /** What the server printed so far: attach it to a failure to see why the server answered 500. */
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          cleanUp();
          resolve();
          return;
        }
        child.once('exit', () => {
          cleanUp();
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export type BrowserWorld = {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A fresh browser (its own cookies) on the server, closed with the world. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
};

/**
 * One real server and one Chromium for a spec file: started before its tests, stopped after them
 * with every context opened through newContext. Call it at the top level of the spec.
 */
export function useBrowserWorld(env: Record<string, string> = {}): BrowserWorld {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(env), launchChromium()]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(thing: T | undefined): T => {
    if (thing === undefined) throw new Error('The browser world starts in beforeAll: use it inside a test or hook.');
    return thing;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    async newContext(options = {}) {
      const context = await started(browser).newContext({ ...options, baseURL: started(server).url });
      contexts.push(context);
      return context;
    },
  };
}
