// The simulated bank's 3-D Secure page: what it shows of the challenge (views/checkout/challenge.ejs).
import { formatMoney } from '../../lib/money.ts';
import { cardLabel } from '../ledger/card-on-file.ts';
import type { ChallengeView } from './answer-challenge.ts';

export type ChallengePageView = { id: string; amount: string; card: string };

export function challengeView(challenge: ChallengeView): ChallengePageView {
  return { id: challenge.id, amount: formatMoney(challenge.amount, { alwaysCents: true }), card: cardLabel(challenge.card) };
}
