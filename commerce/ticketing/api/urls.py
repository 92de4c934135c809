from django.urls import path

from . import account_views, views

urlpatterns = [
    path("events/<id:event_id>/tickets/", views.EventOffersView.as_view(), name="event-tickets"),
    path(
        "events/<id:event_id>/questions/",
        views.EventQuestionsView.as_view(),
        name="event-questions",
    ),
    path(
        "events/<id:event_id>/ticket-types/",
        views.TicketTypeListView.as_view(),
        name="event-ticket-types",
    ),
    path(
        "events/<id:event_id>/ticket-types/<id:pk>/",
        views.TicketTypeDetailView.as_view(),
        name="event-ticket-type",
    ),
    path("events/<id:event_id>/check-ins/", views.CheckInView.as_view(), name="event-check-ins"),
    path("holds/", views.HoldCreateView.as_view(), name="holds"),
    path("holds/<uuid:token>/", views.HoldDetailView.as_view(), name="hold"),
    path("holds/<uuid:token>/order/", views.HoldOrderView.as_view(), name="hold-order"),
    path("me/tickets/", views.MyTicketListView.as_view(), name="my-tickets"),
    path("orders/<str:number>/refunds/", views.OrderRefundView.as_view(), name="order-refunds"),
    path("waitlist/", views.WaitlistJoinView.as_view(), name="waitlist"),
    path("waitlist/<uuid:token>/", views.WaitlistEntryView.as_view(), name="waitlist-entry"),
    path(
        "events/<id:event_id>/promo-codes/",
        views.PromoCodeListView.as_view(),
        name="event-promo-codes",
    ),
    path(
        "me/tickets/<str:code>/pdf/",
        account_views.MyTicketPdfView.as_view(),
        name="my-ticket-pdf",
    ),
    path(
        "me/tickets/<str:code>/transfer/",
        account_views.MyTicketTransferView.as_view(),
        name="my-ticket-transfer",
    ),
    path("me/orders/", account_views.MyOrderListView.as_view(), name="my-orders"),
    path("me/orders/<str:number>/", account_views.MyOrderDetailView.as_view(), name="my-order"),
]
