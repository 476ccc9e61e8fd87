// Sandboxes (TEST_MODE=1): private worlds for parallel test runs. Each is an in-memory copy of the
// seeded demo (the server's database emptied of what customers did, serialised once as a template and
// deserialised per sandbox, ~20 MB and a few milliseconds), with its own movable clock, so its reset,
// its clock and its bookings touch no one else. A request chooses one with the Skylark-Sandbox header or
// the skylark.sandbox cookie (middleware before the routes swaps req.deps' db and clock). Sandboxes idle
// for an hour are dropped, and at most SANDBOX_LIMIT live at once.
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Db } from '../../db/database.ts';
import type { MovableClock } from '../../lib/clock.ts';
import type { SandboxRegistry, SandboxWorld } from '../../lib/deps.ts';
import { ConflictError } from '../../lib/errors.ts';
import { resetDemoData } from './reset-demo-data.ts';

export const SANDBOX_HEADER = 'Skylark-Sandbox';
export const SANDBOX_COOKIE = 'skylark.sandbox';
export const SANDBOX_IDLE_MS = 60 * 60 * 1000;
export const SANDBOX_LIMIT = 8;
export const SANDBOX_ID = /^sbx_[A-Za-z0-9_-]{16}$/;

export type Sandbox = SandboxWorld & { createdAt: number; lastUsedAt: number };

export type SandboxOptions = {
  /** The server's database: its catalogue is what a sandbox starts from. */
  root: Db;
  /** The server's clock: each sandbox's clock is a fork of it (same start, moved on its own). */
  clock: MovableClock;
  /** Real time, for idle expiry (not the movable clocks). */
  realNow?: () => number;
  limit?: number;
  idleMs?: number;
};

export class Sandboxes implements SandboxRegistry {
  private readonly worlds = new Map<string, Sandbox>();
  private template: Buffer | undefined;
  private readonly realNow: () => number;
  readonly limit: number;
  readonly idleMs: number;

  constructor(private readonly options: SandboxOptions) {
    this.realNow = options.realNow ?? Date.now;
    this.limit = options.limit ?? SANDBOX_LIMIT;
    this.idleMs = options.idleMs ?? SANDBOX_IDLE_MS;
  }

  /** The seeded demo as bytes: the server's database copied, then emptied of what customers did. */
  private seeded(): Buffer {
    if (!this.template) {
      const bytes = this.options.root.serialize();
      // A file database in WAL mode says so in its header (bytes 18 and 19 = 2); an in-memory copy has no
      // WAL file, so it is marked as a rollback-journal database (1) or SQLite cannot open it.
      bytes[18] = 1;
      bytes[19] = 1;
      const copy = new Database(bytes);
      try {
        copy.pragma('foreign_keys = ON');
        resetDemoData(copy);
        this.template = copy.serialize();
      } finally {
        copy.close();
      }
    }
    return this.template;
  }

  /** A new sandbox, or a 409 when SANDBOX_LIMIT are live (idle ones are dropped first). */
  create(): Sandbox {
    this.dropIdle();
    if (this.worlds.size >= this.limit) {
      throw new ConflictError(
        `At most ${this.limit} sandboxes can live at once. Delete one you no longer need (DELETE /api/v1/test/sandboxes/{id}); an idle one goes after an hour.`,
      );
    }
    const db = new Database(this.seeded());
    db.pragma('foreign_keys = ON');
    const now = this.realNow();
    const sandbox: Sandbox = { id: `sbx_${randomBytes(12).toString('base64url')}`, db, clock: this.options.clock.fork(), createdAt: now, lastUsedAt: now };
    this.worlds.set(sandbox.id, sandbox);
    return sandbox;
  }

  /** The live sandbox with this id (its idle time starts again), or undefined. */
  use(id: string): Sandbox | undefined {
    this.dropIdle();
    const sandbox = this.worlds.get(id);
    if (sandbox) sandbox.lastUsedAt = this.realNow();
    return sandbox;
  }

  /** Drops a sandbox at once; false when there is none with that id. */
  delete(id: string): boolean {
    const sandbox = this.worlds.get(id);
    if (!sandbox) return false;
    this.worlds.delete(id);
    sandbox.db.close();
    return true;
  }

  get size(): number {
    return this.worlds.size;
  }

  private dropIdle(): void {
    const now = this.realNow();
    for (const sandbox of [...this.worlds.values()]) if (now - sandbox.lastUsedAt >= this.idleMs) this.delete(sandbox.id);
  }

  /** Closes every sandbox (the server's shutdown). */
  closeAll(): void {
    for (const id of [...this.worlds.keys()]) this.delete(id);
  }
}
