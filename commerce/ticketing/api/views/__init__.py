"""The API's views, by audience: `public` (offers, holds, orders, the waitlist), `account`
(a buyer's tickets and orders), `organizer` (ticket types, promo codes, check-in, refunds,
attendees). Routes in api/urls.py."""
