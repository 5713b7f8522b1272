"""The mail outbox: one row per email, written in the booking's own transaction."""

from django.db import models

from consultations.models.bookings import ConsultationRequest


class Notification(models.Model):
    """Outbox row for one email. Created in the booking's transaction, so it cannot be lost."""

    class Kind(models.TextChoices):
        VISITOR_CONFIRMATION = "visitor_confirmation", "Confirmation to visitor"
        OFFICE_NEW = "office_new", "New-booking notice to office"
        VISITOR_CANCELLED = "visitor_cancelled", "Cancellation to visitor"
        VISITOR_RESCHEDULED = "visitor_rescheduled", "New time to visitor"

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    request = models.ForeignKey(
        ConsultationRequest, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The exception class only: error texts can echo addresses back.
    last_error = models.CharField(max_length=200, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.request.reference}: {self.state}"
