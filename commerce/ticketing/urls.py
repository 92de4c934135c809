"""Ticketing's pages on the site, under the language prefix (config/urls.py mounts this
module once): the buyer's way from choosing tickets to the tickets themselves and the
waitlist (`ticketing:`), the door's check-in, a holder's PDF and transfer; the buyer's
billing pages (`billing:`) and the organizers' registrations (`ticketing_registrations:`)
in the member dashboard. Stripe's webhook is outside the language prefix
(`webhook_urlpatterns`, mounted by config/urls.py too); the Wagtail admin's pages are
registered in wagtail_hooks.py, the API's in api/urls.py."""

from django.urls import include, path

from .views import account, organizer, public, webhooks

tickets = [
    path("events/<id:event_id>/", public.event_tickets, name="event"),
    path("reservations/<uuid:token>/", public.hold_detail, name="hold"),
    path("reservations/<uuid:token>/release/", public.hold_release, name="hold_release"),
    path("reservations/<uuid:token>/pay/", public.hold_pay, name="hold_pay"),
    path("reservations/<uuid:token>/done/", public.hold_done, name="hold_done"),
    path("events/<id:event_id>/waitlist/", public.waitlist_join, name="waitlist_join"),
    path("waitlist/<uuid:token>/", public.waitlist_entry, name="waitlist"),
    path("check-in/<id:event_id>/", organizer.event_check_in, name="event_check_in"),
    path("my/<str:code>.pdf", account.ticket_pdf, name="ticket_pdf"),
    path("my/<str:code>/transfer/", account.ticket_transfer_page, name="ticket_transfer"),
]

billing = [
    path("", account.billing, name="order_list"),
    path("<str:number>/", account.billing_order, name="order"),
]

registrations = [
    path("", organizer.registration_events, name="events"),
    path("<id:event_id>/", organizer.registration_event, name="event"),
    path("<id:event_id>/export/", organizer.attendee_export, name="attendee_export"),
    path("<id:event_id>/message/", organizer.attendee_message, name="attendee_message"),
    path("<id:event_id>/orders/<str:number>/resend/", organizer.order_resend,
         name="order_resend"),
]  # fmt: skip

urlpatterns = [
    path("dashboard/events/registrations/", include((registrations, "ticketing_registrations"))),
    path("dashboard/billing/", include((billing, "billing"))),
    path("tickets/", include((tickets, "ticketing"))),
]

webhook_urlpatterns = [
    path("payments/stripe/webhook/", webhooks.stripe_webhook, name="stripe_webhook"),
]
