"""Delivery channels. A new channel (WhatsApp) is one class with `code` and `send`."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .models import Delivery
from .rendering import recipient_language, render
from .tokens import unsubscribe_url


class Channel:
    code: str

    def send(self, delivery: Delivery) -> None:
        """Deliver or raise. Called inside the delivery's row lock."""
        raise NotImplementedError


class InAppChannel(Channel):
    """The notification row is the in-app message: nothing leaves the platform."""

    code = "in_app"

    def send(self, delivery: Delivery) -> None:
        return None


class EmailChannel(Channel):
    code = "email"

    def send(self, delivery: Delivery) -> None:
        notification = delivery.notification
        user = notification.recipient
        send_email_digest(user, [notification], message_id=f"notification-{delivery.pk}")


def send_email_digest(user, notifications, *, message_id: str, frequency: str = "") -> None:
    """One email for one or several notifications, in the recipient's language, with an
    unsubscribe link that works without logging in."""
    language = recipient_language(user)
    items = []
    for notification in notifications:
        rendered = render(
            type_code=notification.type_code,
            channel="email",
            language=language,
            context={**notification.context, "link": notification.url},
        )
        items.append(
            {"notification": notification, "subject": rendered.subject, "body": rendered.body}
        )
    with translation.override(language):
        unsubscribe = unsubscribe_url(user, notifications[0].type_code if len(items) == 1 else "*")
        context = {
            "user": user,
            "items": items,
            "digest": frequency,
            "site_url": settings.SITE_URL,
            "unsubscribe_url": unsubscribe,
            "unsubscribe_all_url": unsubscribe_url(user, "*"),
        }
        subject = render_to_string("notifications/email/subject.txt", context).strip()
        text = render_to_string("notifications/email/message.txt", context)
        html = render_to_string("notifications/email/message.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "Message-ID": f"<{message_id}@{settings.SITE_URL.split('://')[-1].split(':')[0]}>",
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    message.send()


CHANNELS: dict[str, Channel] = {c.code: c for c in (InAppChannel(), EmailChannel())}
