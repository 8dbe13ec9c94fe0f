import { paymentV1 } from '@shop/contracts';
import type { TestCard, TestCardBehaviour } from '../card-processor/test-cards.js';

const { DeclineReason, TestCardBehaviour: Behaviour } = paymentV1;

/** The simulated processor's test cards as shop.payment.v1 lists them, in documented order. */
export function toGrpcTestCards(
  cards: Readonly<Record<string, TestCard>>,
): paymentV1.ListTestCardsResponse {
  return {
    cards: Object.entries(cards).map(([token, card]) => ({
      token,
      brand: card.brand,
      last4: card.last4 ?? '',
      behaviour: behaviourOf(card.behaviour),
      declineReason:
        card.behaviour.outcome === 'decline'
          ? DeclineReason[`DECLINE_REASON_${card.behaviour.reason}`]
          : DeclineReason.DECLINE_REASON_UNSPECIFIED,
      description: card.description,
    })),
  };
}

function behaviourOf(behaviour: TestCardBehaviour): paymentV1.TestCardBehaviour {
  switch (behaviour.outcome) {
    case 'approve':
      return Behaviour.TEST_CARD_BEHAVIOUR_APPROVE;
    case 'decline':
      return Behaviour.TEST_CARD_BEHAVIOUR_DECLINE;
    case 'approve-slowly':
      return Behaviour.TEST_CARD_BEHAVIOUR_APPROVE_SLOWLY;
    case 'unavailable':
      return Behaviour.TEST_CARD_BEHAVIOUR_UNAVAILABLE;
  }
}
