"""django-q2 tasks; they take primary keys and call the services."""

from . import services


def delivery_send(delivery_id: int) -> str:
    return services.delivery_send(delivery_id=int(delivery_id))


def digest_send_daily() -> int:
    return services.digest_send(frequency="daily")


def digest_send_weekly() -> int:
    return services.digest_send(frequency="weekly")
