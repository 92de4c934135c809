"""The buyer's side of a card payment (what Stripe.js does in the browser), against
localstripe: attach a test card to the intent and confirm it."""

from commerce.ticketing.services import payments

OK = "4242424242424242"
DECLINED = "4000000000000341"


def pay_with_card(intent_id: str, number: str = OK) -> dict:
    stripe_client = payments.client()
    card = {"number": number, "exp_month": 12, "exp_year": 2031, "cvc": "123"}
    method = stripe_client.v1.payment_methods.create(params={"type": "card", "card": card})
    stripe_client.v1.payment_intents.update(intent_id, params={"payment_method": method.id})
    return stripe_client.v1.payment_intents.confirm(intent_id).to_dict()
