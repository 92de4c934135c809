"""Ticketing's API routes (config/api/urls.py mounts them under /api/v1/, namespace `v1`):
offers, holds, orders and the waitlist for anyone; a buyer's tickets and orders; ticket
types, promo codes, check-in, refunds and attendees for the event's organizers."""

from django.urls import path

from .views import account, organizer, public

urlpatterns = [
    # anyone registering
    path("events/<id:event_id>/tickets/", public.EventOffersView.as_view(), name="event-tickets"),
    path(
        "events/<id:event_id>/questions/",
        public.EventQuestionsView.as_view(),
        name="event-questions",
    ),
    path("holds/", public.HoldCreateView.as_view(), name="holds"),
    path("holds/<uuid:token>/", public.HoldDetailView.as_view(), name="hold"),
    path("holds/<uuid:token>/order/", public.HoldOrderView.as_view(), name="hold-order"),
    path("waitlist/", public.WaitlistJoinView.as_view(), name="waitlist"),
    path("waitlist/<uuid:token>/", public.WaitlistEntryView.as_view(), name="waitlist-entry"),
    # the buyer's account
    path("me/tickets/", account.MyTicketListView.as_view(), name="my-tickets"),
    path(
        "me/tickets/<str:code>/pdf/",
        account.MyTicketPdfView.as_view(),
        name="my-ticket-pdf",
    ),
    path(
        "me/tickets/<str:code>/transfer/",
        account.MyTicketTransferView.as_view(),
        name="my-ticket-transfer",
    ),
    path("me/orders/", account.MyOrderListView.as_view(), name="my-orders"),
    path("me/orders/<str:number>/", account.MyOrderDetailView.as_view(), name="my-order"),
    # the event's organizers and admins
    path(
        "events/<id:event_id>/ticket-types/",
        organizer.TicketTypeListView.as_view(),
        name="event-ticket-types",
    ),
    path(
        "events/<id:event_id>/ticket-types/<id:pk>/",
        organizer.TicketTypeDetailView.as_view(),
        name="event-ticket-type",
    ),
    path(
        "events/<id:event_id>/check-ins/",
        organizer.CheckInView.as_view(),
        name="event-check-ins",
    ),
    path("orders/<str:number>/refunds/", organizer.OrderRefundView.as_view(), name="order-refunds"),
    path(
        "events/<id:event_id>/promo-codes/",
        organizer.PromoCodeListView.as_view(),
        name="event-promo-codes",
    ),
    path(
        "events/<id:event_id>/attendees/",
        organizer.AttendeeListView.as_view(),
        name="event-attendees",
    ),
    path(
        "events/<id:event_id>/attendees/message/",
        organizer.AttendeeMessageView.as_view(),
        name="event-attendees-message",
    ),
    path(
        "events/<id:event_id>/orders/<str:number>/resend/",
        organizer.OrderResendView.as_view(),
        name="event-order-resend",
    ),
]
