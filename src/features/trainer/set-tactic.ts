// A trainer switches a tactic off, on, or to an A/B test with a split. The change is one UPDATE:
// every new customer session meets the new setting at once (sessions already in an A/B arm keep
// theirs, see tactics/variants.ts). The same command serves the playbook form and PUT /tactics/{code}.
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import { TACTIC_CODES, isTacticCode, type TacticCode } from '../offers/codes.ts';
import { TACTIC_MODES, type TacticMode } from '../tactics/assignments.ts';
import { listTactics, updateTactic } from './trainer.repository.ts';

export const SetTacticInputSchema = z.strictObject({
  mode: z.enum(TACTIC_MODES, { error: 'Choose off, on or A/B (mode is one of off, on, ab).' }),
  split: z
    .int({ error: 'The split is a whole percentage from 0 to 100.' })
    .min(0, 'The split is a whole percentage from 0 to 100.')
    .max(100, 'The split is a whole percentage from 0 to 100.')
    .optional()
    .describe('Percentage of new sessions put in arm B (the tactic applied) when mode is ab. Kept as it was when left out.'),
});
export type SetTacticInput = z.infer<typeof SetTacticInputSchema>;

export type TacticSetting = { code: TacticCode; mode: TacticMode; split: number };

export function unknownTactic(code: string): NotFoundError {
  return new NotFoundError(`There is no tactic called "${code.slice(0, 60)}". The tactics are: ${TACTIC_CODES.join(', ')}.`);
}

/** Refuses an unknown tactic (NotFoundError) or a bad mode or split (ValidationError at ['mode'] / ['split']); nothing is changed then. */
export function setTactic(db: Db, code: string, input: SetTacticInput): TacticSetting {
  if (!isTacticCode(code)) throw unknownTactic(code);
  const { mode, split } = parseInput(SetTacticInputSchema, input, 'The tactic was not changed: see what needs another look.');
  const current = listTactics(db).find((t) => t.code === code);
  if (!current) throw unknownTactic(code);
  const setting = { code, mode, split: split ?? current.split };
  updateTactic(db, setting);
  return setting;
}
