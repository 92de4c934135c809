from django.urls import path

from . import views

urlpatterns = [
    path("connections/", views.ConnectionListView.as_view(), name="connections"),
    path("connections/requests/", views.RequestsView.as_view(), name="connections-requests"),
    path(
        "connections/suggestions/", views.SuggestionsView.as_view(), name="connections-suggestions"
    ),
    path("connections/<id:pk>/accept/", views.AcceptView.as_view(), name="connections-accept"),
    path("connections/<id:pk>/decline/", views.DeclineView.as_view(), name="connections-decline"),
    path("connections/<id:pk>/", views.ConnectionDeleteView.as_view(), name="connections-delete"),
    path("blocks/", views.BlockView.as_view(), name="blocks"),
    path("blocks/<id:user_id>/", views.UnblockView.as_view(), name="blocks-delete"),
]
