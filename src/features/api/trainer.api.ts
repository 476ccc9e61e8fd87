// The trainer's JSON API, /api/v1/trainer: the tactics and their settings, so a workshop can be set up
// by script. Every operation needs `Authorization: Bearer <trainer password>` (the same password as
// the console's sign-in, TRAINER_PASSWORD or the generated one); failures are throttled like sign-ins.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { TACTIC_CODES } from '../offers/codes.ts';
import { TACTIC_MODES } from '../tactics/assignments.ts';
import { checkTrainerPassword } from '../trainer/password.ts';
import { FAMILIES, readPlaybook, type TacticCard } from '../trainer/playbook.ts';
import { SetTacticInputSchema, setTactic } from '../trainer/set-tactic.ts';
import { named } from './common.schema.ts';
import { operation, problems } from './operation.ts';
import { ApiProblem } from './problem.ts';

const FigureSchema = named(
  z.strictObject({
    shown: z.int().describe('Impressions: offer events "shown" that name this tactic.'),
    accepted: z.int().describe('Offer events "accepted" that name this tactic.'),
    takeRate: z.number().nullable().describe('accepted ÷ shown, 0 to 1; null before the first impression.'),
  }),
  'TacticFigure',
  'What a tactic sold so far, from the offer events that name it.',
);

const TacticSchema = named(
  z.strictObject({
    code: z.enum(TACTIC_CODES),
    name: z.string(),
    family: z.enum(Object.keys(FAMILIES) as [keyof typeof FAMILIES, ...(keyof typeof FAMILIES)[]]).describe('upsell, cross_sell or presentation.'),
    explanation: z.array(z.string()).describe('Two plain lines: what the tactic is, what it does here.'),
    placements: z.array(z.string()).describe('Where in the flow it acts.'),
    mode: z.enum(TACTIC_MODES).describe('off, on, or ab (an A/B test).'),
    split: z.int().min(0).max(100).describe('Percentage of new sessions put in arm B (applied) when mode is ab.'),
    darkPattern: z.boolean().describe('A demonstration of a practice consumer law forbids: off by default.'),
    figure: FigureSchema,
    arms: z.strictObject({ A: FigureSchema, B: FigureSchema }).nullable().describe('Per A/B arm, when the tactic has been tested.'),
  }),
  'Tactic',
  'A tactic of the playbook, its setting and its figures.',
);
const TacticListSchema = named(z.strictObject({ tactics: z.array(TacticSchema) }), 'TacticList', 'Every tactic of the playbook.');
named(SetTacticInputSchema, 'SetTacticInput', 'A tactic\'s new setting. Takes effect for new customer sessions at once.');

const figure = (f: { shown: number; accepted: number; rate: number | null }) => ({ shown: f.shown, accepted: f.accepted, takeRate: f.rate });

function presentTactic(card: TacticCard) {
  return {
    code: card.code,
    name: card.name,
    family: card.family,
    explanation: [...card.explanation],
    placements: [...card.placements],
    mode: card.mode,
    split: card.split,
    darkPattern: card.darkPattern,
    figure: figure(card.figure),
    arms: card.arms ? { A: figure(card.arms.A), B: figure(card.arms.B) } : null,
  };
}

export const listTacticsOperation = operation({
  operationId: 'listTactics',
  tag: 'Trainer',
  security: 'trainer',
  summary: 'The tactics playbook: every tactic, its setting and its take rate',
  description: 'The same as the console at /trainer. Needs the trainer password as a bearer token.',
  responses: [{ status: 200, description: 'Every tactic, in playbook order.', schema: TacticListSchema }, ...problems(401, 429)],
  handle: ({ ctx }) => ({ status: 200, body: { tactics: readPlaybook(ctx.db).map(presentTactic) } }),
});

export const putTacticOperation = operation({
  operationId: 'setTactic',
  tag: 'Trainer',
  security: 'trainer',
  summary: 'Switch a tactic off, on, or to an A/B test with a split',
  description:
    'Takes effect for new customer sessions at once; a session already in an A/B arm keeps it. split (0–100) is the share of new sessions in arm B; left out, it stays as it was. An unknown tactic is 404, a bad mode or split 422: nothing is changed then.',
  params: z.strictObject({ code: z.string().max(100) }),
  body: SetTacticInputSchema,
  responses: [{ status: 200, description: 'The tactic as it is now.', schema: TacticSchema }, ...problems(401, 404, 415, 422, 429)],
  handle: ({ params, body, ctx }) => {
    setTactic(ctx.db, params.code, body);
    const card = readPlaybook(ctx.db).find((t) => t.code === params.code)!;
    return { status: 200, body: presentTactic(card) };
  },
});

/** Bearer authentication of the trainer operations; failed attempts count towards the sign-in throttle. */
export function trainerApiGuard(throttle: RequestHandler): RequestHandler[] {
  const authenticate = (req: Request, _res: Response, next: NextFunction) => {
    const match = /^Bearer (.+)$/.exec(req.get('Authorization') ?? '');
    const challenge = { 'WWW-Authenticate': 'Bearer realm="trainer"' };
    if (!match) return next(new ApiProblem('unauthorized', 'Send the trainer password as a bearer token: Authorization: Bearer <password>.', {}, challenge));
    const check = checkTrainerPassword(req.deps.db, req.deps.config.trainerPassword, match[1]!);
    if (check !== 'ok') return next(new ApiProblem('unauthorized', 'That is not the trainer password.', {}, challenge));
    next();
  };
  return [throttle, authenticate];
}
