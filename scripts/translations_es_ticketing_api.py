"""Spanish for the ticketing API (/api/v1/events/<id>/tickets/, /api/v1/holds/, …)."""

ES = {
    "There is no such reservation, or it belongs to another account.": (
        "No existe esa reserva, o pertenece a otra cuenta."
    ),
}
