"""Ticketing's writes, one module per concern. Each checks permission (permissions.py) and
input, runs in a transaction, and queues its emails and Stripe calls after commit (tasks.py,
config.tasks.enqueue).

- availability: the event's inventory row, its lock, the seat counters, seats left
- ticket_types: ticket types as Oscar products, price steps, bundles
- holds: seat holds (make, release), the price frozen with them; statements: the hold's
  compiled-once statements
- pricing: what a hold costs (price steps, group discounts, promo codes, IVA)
- promotions: organizers' promo codes and group discounts
- orders: a hold becomes an order with its tickets; the order's state machine
- payments: Stripe PaymentIntents and the signed webhook
- refunds: refunds by organizers and admins, and Stripe's refund call
- waitlist: join, leave, offers of freed seats
- checkin: QR tokens and admitting a ticket at the door
- transfers: giving a ticket to another person
- registrations: organizers resend tickets and write to attendees
- alerts: organizers hear when tickets are almost or all sold
- announcements: registrants hear when an event is cancelled or moved
"""
