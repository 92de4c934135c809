"""Delivery channels: one class each, with `code`, `send` and `configured`. See "Adding a
notification channel" in docs/architecture.md."""

from __future__ import annotations

import requests
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .models import Delivery
from .rendering import recipient_language, render
from .tokens import unsubscribe_url


class DeliverySkipped(Exception):  # noqa: N818 - an outcome, not an error
    """Raised by a channel when this delivery cannot go out on it and retrying would not help
    (no phone number, not opted in): the delivery is recorded as skipped, not failed."""


class Channel:
    code: str

    @classmethod
    def configured(cls) -> bool:
        """Whether the platform can use this channel at all (its settings are present)."""
        return True

    def send(self, delivery: Delivery) -> None:
        """Deliver, raise DeliverySkipped, or raise any other error to have the delivery
        marked failed and retried. Called inside the delivery's row lock."""
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


class WhatsAppChannel(Channel):
    """Text messages through the WhatsApp Cloud API (Meta's Graph API):
    POST {WHATSAPP_API_BASE_URL}/{WHATSAPP_API_VERSION}/{WHATSAPP_PHONE_NUMBER_ID}/messages.

    Only members who gave a mobile number and opted in to WhatsApp (profile contact
    preferences) receive them; for anyone else the delivery is skipped. Any HTTP error
    raises, so the delivery is marked failed and retried with backoff.

    The Cloud API accepts free-form text only inside a 24-hour window after the member last
    wrote to the business number; outside it Meta answers with an error (recorded on the
    delivery). Business-initiated messages need approved templates (future work)."""

    code = "whatsapp"
    MAX_BODY = 4096  # the Cloud API's limit for a text body

    @classmethod
    def configured(cls) -> bool:
        return bool(settings.WHATSAPP_ACCESS_TOKEN and settings.WHATSAPP_PHONE_NUMBER_ID)

    @staticmethod
    def endpoint() -> str:
        base = settings.WHATSAPP_API_BASE_URL.rstrip("/")
        return (
            f"{base}/{settings.WHATSAPP_API_VERSION}/{settings.WHATSAPP_PHONE_NUMBER_ID}/messages"
        )

    def send(self, delivery: Delivery) -> None:
        if not self.configured():
            raise DeliverySkipped("WhatsApp is not configured on this platform")
        notification = delivery.notification
        profile = getattr(notification.recipient, "profile", None)
        phone = getattr(profile, "phone_number", "")
        if not phone:
            raise DeliverySkipped("the member has no mobile number")
        if not (profile.contact_preferences or {}).get("whatsapp"):
            raise DeliverySkipped("the member has not opted in to WhatsApp")
        rendered = render(
            type_code=notification.type_code,
            channel=self.code,
            language=recipient_language(notification.recipient),
            context={**notification.context, "link": notification.url},
        )
        text = "\n\n".join(part for part in (f"*{rendered.subject}*", rendered.body) if part)
        if notification.url:
            link = notification.url
            text += "\n" + (link if "://" in link else settings.SITE_URL + link)
        response = requests.post(
            self.endpoint(),
            json={
                "messaging_product": "whatsapp",
                "to": phone.lstrip("+"),
                "type": "text",
                "text": {"body": text[: self.MAX_BODY]},
            },
            headers={"Authorization": f"Bearer {settings.WHATSAPP_ACCESS_TOKEN}"},
            timeout=settings.WHATSAPP_TIMEOUT,
        )
        if response.status_code >= 400:
            raise requests.HTTPError(
                f"WhatsApp Cloud API answered {response.status_code}: {response.text[:500]}",
                response=response,
            )


CHANNELS: dict[str, Channel] = {
    c.code: c for c in (InAppChannel(), EmailChannel(), WhatsAppChannel())
}


def supported_channels() -> tuple[str, ...]:
    """Channels the platform can deliver on now, in display order: a channel whose settings
    are missing (WhatsApp without its token and phone number id) is left out."""
    return tuple(code for code, channel in CHANNELS.items() if channel.configured())
