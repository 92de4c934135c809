from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Connection(models.Model):
    """The one relationship between two members, whoever asked first.

    The pair is stored ordered (user_low < user_high) so the database itself refuses a second
    row for the same two people and any connection with oneself."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Connected")
        DECLINED = "declined", _("Declined")
        BLOCKED = "blocked", _("Blocked")

    user_low = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    user_high = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="connections_sent"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        constraints = [
            models.UniqueConstraint(
                fields=["user_low", "user_high"], name="one_connection_per_pair"
            ),
            models.CheckConstraint(
                condition=Q(user_low__lt=F("user_high")), name="no_self_connection"
            ),
        ]
        indexes = [
            models.Index(fields=["user_low", "status"]),
            models.Index(fields=["user_high", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.user_low_id}–{self.user_high_id}: {self.status}"

    def other(self, user_id: int) -> int:
        return self.user_high_id if user_id == self.user_low_id else self.user_low_id

    @property
    def addressee_id(self) -> int:
        return self.other(self.requester_id)
