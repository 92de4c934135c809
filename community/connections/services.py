"""Connections between members: request, accept, decline, withdraw, remove, block, unblock.

One row per pair, changed under a row lock; every refusal is a domain error with a message a
person can act on. A block hides each member from the other and ends any connection."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from config.errors import Conflict, NotPermitted, ValidationFailed

from .models import Connection
from .selectors import pair

Status = Connection.Status


def _locked(a_id: int, b_id: int) -> Connection | None:
    low, high = pair(a_id, b_id)
    return Connection.objects.select_for_update().filter(user_low_id=low, user_high_id=high).first()


def _display(user) -> str:
    return user.get_full_name() or user.email.split("@")[0]


def _notify(recipient, type_code: str, sender) -> None:
    from community.notifications.services import notify

    notify(
        recipient=recipient,
        type_code=type_code,
        context={"sender": _display(sender)},
        url=reverse("connections:list"),
    )


def connection_request(*, sender, recipient) -> Connection:
    if sender.pk == recipient.pk:
        raise ValidationFailed(_("You cannot connect with yourself."), code="self_connection")
    if not recipient.is_active:
        raise ValidationFailed(_("This member's account is not active."), code="inactive_member")
    low, high = pair(sender.pk, recipient.pk)
    with transaction.atomic():
        existing = _locked(sender.pk, recipient.pk)
        if existing is None:
            try:
                with transaction.atomic():
                    connection = Connection.objects.create(
                        user_low_id=low, user_high_id=high, requester=sender
                    )
            except IntegrityError as exc:  # the other side asked at the same instant
                raise Conflict(
                    _("A request between you two already exists; reload the page."),
                    code="request_exists",
                ) from exc
            _notify(recipient, "connections.requested", sender)
            return connection
        if existing.status == Status.BLOCKED:
            raise NotPermitted(_("You cannot connect with this member."), code="blocked")
        if existing.status == Status.ACCEPTED:
            raise Conflict(_("You are already connected."), code="already_connected")
        if existing.status == Status.PENDING and existing.requester_id == sender.pk:
            raise Conflict(
                _("Your request is already waiting for an answer."), code="already_requested"
            )
        if existing.status == Status.PENDING:  # they asked us first: asking back accepts
            return _accept(existing, by=sender)
        # declined before: a new request starts over
        existing.requester, existing.status, existing.responded_at = sender, Status.PENDING, None
        existing.save(update_fields=["requester", "status", "responded_at"])
        _notify(recipient, "connections.requested", sender)
        return existing


def _accept(connection: Connection, *, by) -> Connection:
    connection.status, connection.responded_at = Status.ACCEPTED, timezone.now()
    connection.save(update_fields=["status", "responded_at"])
    _notify(connection.requester, "connections.accepted", by)
    return connection


def _pending_for_addressee(user, connection_id: int) -> Connection:
    connection = Connection.objects.select_for_update().filter(pk=connection_id).first()
    if connection is None or user.pk not in (connection.user_low_id, connection.user_high_id):
        raise Connection.DoesNotExist
    if connection.status != Status.PENDING or connection.requester_id == user.pk:
        raise Conflict(_("There is no request waiting for your answer."), code="not_pending")
    return connection


def connection_accept(*, user, connection_id: int) -> Connection:
    with transaction.atomic():
        return _accept(_pending_for_addressee(user, connection_id), by=user)


def connection_decline(*, user, connection_id: int) -> Connection:
    with transaction.atomic():
        connection = _pending_for_addressee(user, connection_id)
        connection.status, connection.responded_at = Status.DECLINED, timezone.now()
        connection.save(update_fields=["status", "responded_at"])
        return connection


def connection_delete(*, user, connection_id: int) -> None:
    """Withdraw one's own pending request, or remove an accepted connection."""
    with transaction.atomic():
        connection = Connection.objects.select_for_update().filter(pk=connection_id).first()
        if connection is None or user.pk not in (connection.user_low_id, connection.user_high_id):
            raise Connection.DoesNotExist
        withdrawing = connection.status == Status.PENDING and connection.requester_id == user.pk
        if not (withdrawing or connection.status == Status.ACCEPTED):
            raise Conflict(
                _("Only a connection or your own request can be removed."), code="not_removable"
            )
        connection.delete()


def user_block(*, user, other) -> Connection:
    if user.pk == other.pk:
        raise ValidationFailed(_("You cannot block yourself."), code="self_block")
    low, high = pair(user.pk, other.pk)
    with transaction.atomic():
        connection = _locked(user.pk, other.pk) or Connection(
            user_low_id=low, user_high_id=high, requester=user
        )
        if connection.status == Status.BLOCKED and connection.blocked_by_id not in (None, user.pk):
            return connection  # they blocked us already; the pair stays blocked
        connection.status, connection.blocked_by = Status.BLOCKED, user
        connection.responded_at = timezone.now()
        connection.save()
        return connection


def user_unblock(*, user, other) -> None:
    with transaction.atomic():
        connection = _locked(user.pk, other.pk)
        if (
            connection is None
            or connection.status != Status.BLOCKED
            or connection.blocked_by_id != user.pk
        ):
            raise Conflict(_("You have not blocked this member."), code="not_blocked")
        connection.delete()
