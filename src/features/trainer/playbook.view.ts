// The playbook page's view model: the cards in two groups (the tactics, then the dark-pattern
// demonstrations), each with its figures as text and its control's values and errors.
import type { FieldErrors } from '../../lib/errors.ts';
import type { TacticCode } from '../offers/codes.ts';
import type { Figure, TacticCard } from './playbook.ts';

export type CardState = { values: { mode: string; split: string }; errors: FieldErrors };
export type PlaybookState = { edited?: { code: TacticCode } & CardState; saved?: TacticCode; lensOn: boolean };

export type CardView = TacticCard & {
  takeRateText: string;
  armsText: string | null;
  placementsText: string;
  values: { mode: string; split: string };
  errors: FieldErrors;
  saved: boolean;
};

export function figureText(figure: Figure): string {
  if (figure.rate === null) return 'No impressions yet';
  const n = figure.shown;
  return `${Math.round(figure.rate * 100)}% taken (${figure.accepted} of ${n} impression${n === 1 ? '' : 's'})`;
}

export function playbookView(cards: readonly TacticCard[], state: PlaybookState) {
  const view = (card: TacticCard): CardView => {
    const edited = state.edited?.code === card.code ? state.edited : undefined;
    return {
      ...card,
      takeRateText: figureText(card.figure),
      armsText: card.arms ? `A (control): ${figureText(card.arms.A)} · B (applied): ${figureText(card.arms.B)}` : null,
      placementsText: card.placements.join(', '),
      values: edited?.values ?? { mode: card.mode, split: String(card.split) },
      errors: edited?.errors ?? {},
      saved: state.saved === card.code,
    };
  };
  const errors = state.edited ? Object.fromEntries(Object.entries(state.edited.errors).map(([k, v]) => [`${state.edited!.code}-${k}`, v])) : {};
  return {
    tactics: cards.filter((c) => !c.darkPattern).map(view),
    demonstrations: cards.filter((c) => c.darkPattern).map(view),
    lensOn: state.lensOn,
    errors,
  };
}
