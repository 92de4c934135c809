"""Ticketing's pages, by audience: `public` (choose tickets, reserve, pay, the waitlist),
`account` (a buyer's tickets and orders), `organizer` (registrations in the member
dashboard, the door's check-in), `admin` (an event's tickets in the Wagtail admin, mounted by
wagtail_hooks.py) and `webhooks` (Stripe). The API's views are in api/views/."""
