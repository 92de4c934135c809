from django.urls import path

from . import account_views

app_name = "billing"
urlpatterns = [
    path("", account_views.billing, name="list"),
    path("<str:number>/", account_views.billing_order, name="order"),
]
