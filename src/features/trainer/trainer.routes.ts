// The trainer console's pages: sign-in, sign-out, the tactics playbook and its controls, the lens.
// Every page but the sign-in form is behind requireTrainer (src/routes.ts), and none is cached.
import type { Request, Response } from 'express';
import { AppError, ValidationError } from '../../lib/errors.ts';
import { fieldErrorsFrom } from '../../lib/validation.ts';
import { checkTrainerPassword } from './password.ts';
import { readPlaybook } from './playbook.ts';
import { playbookView, type PlaybookState } from './playbook.view.ts';
import { setTactic, unknownTactic, type SetTacticInput } from './set-tactic.ts';
import { endTrainerSession, setLens, startTrainerSession } from './trainer-session.ts';
import { isTacticCode } from '../offers/codes.ts';

function renderSignIn(res: Response, status: number, error?: string): void {
  res.status(status).render('trainer/sign-in', { pageTitle: 'Trainer sign-in', error });
}

export function showSignIn(req: Request, res: Response): void {
  if (req.trainer) return res.redirect(303, '/trainer');
  renderSignIn(res, 200);
}

export function submitSignIn(req: Request, res: Response): void {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const password = typeof body.password === 'string' ? body.password : '';
  if (password === '') return renderSignIn(res, 422, 'Enter the trainer password.');
  const check = checkTrainerPassword(req.deps.db, req.deps.config.trainerPassword, password);
  if (check === 'none') {
    return renderSignIn(res, 503, 'No trainer password is set up yet: restart the server (it prints a new one) or set TRAINER_PASSWORD.');
  }
  if (check === 'wrong') return renderSignIn(res, 401, 'That is not the trainer password. Check it and try again.');
  startTrainerSession(req, res);
  res.redirect(303, '/trainer');
}

export function submitSignOut(req: Request, res: Response): void {
  endTrainerSession(req, res);
  res.redirect(303, '/trainer/sign-in');
}

function renderPlaybook(req: Request, res: Response, status: number, state: Omit<PlaybookState, 'lensOn'>): void {
  const view = playbookView(readPlaybook(req.deps.db), { ...state, lensOn: res.locals.tacticLens === true });
  res.status(status).render('trainer/playbook', { pageTitle: 'Tactics playbook', view });
}

export function showPlaybook(req: Request, res: Response): void {
  const saved = typeof req.query.saved === 'string' && isTacticCode(req.query.saved) ? req.query.saved : undefined;
  renderPlaybook(req, res, 200, { saved });
}

/** The form's fields as the command's input: the split is a number when typed, left out when empty. */
function formToInput(body: Record<string, unknown>): SetTacticInput {
  const split = typeof body.split === 'string' && body.split.trim() !== '' ? Number(body.split.trim()) : undefined;
  return { mode: body.mode, split } as SetTacticInput;
}

export function submitTactic(req: Request, res: Response): void {
  const code = String(req.params.code);
  if (!isTacticCode(code)) throw unknownTactic(code);
  const body = (req.body ?? {}) as Record<string, unknown>;
  try {
    setTactic(req.deps.db, code, formToInput(body));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const values = { mode: typeof body.mode === 'string' ? body.mode : '', split: typeof body.split === 'string' ? body.split : '' };
    const errors = fieldErrorsFrom(error.issues, (path) => (path[0] === 'mode' || path[0] === 'split' ? String(path[0]) : undefined));
    return renderPlaybook(req, res, 422, { edited: { code, values, errors } });
  }
  res.redirect(303, `/trainer?saved=${code}#tactic-${code}`);
}

export function submitLens(req: Request, res: Response): void {
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (body.lens !== 'on' && body.lens !== 'off') throw new AppError(422, 'Invalid input', 'Choose to switch the tactic lens on or off.');
  setLens(req, res, body.lens === 'on');
  res.redirect(303, '/trainer');
}

