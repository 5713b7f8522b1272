"""The mail outbox: one row per email, written in the booking's own transaction."""

from django.db import models

from consultations.models.bookings import ConsultationRequest

REMINDER_KINDS = ["reminder_first", "reminder_second"]


class Notification(models.Model):
    """Outbox row for one email. Created in the booking's transaction, so it cannot be lost."""

    class Kind(models.TextChoices):
        VISITOR_CONFIRMATION = "visitor_confirmation", "Confirmation to visitor"
        OFFICE_NEW = "office_new", "New-booking notice to office"
        VISITOR_CANCELLED = "visitor_cancelled", "Cancellation to visitor"
        VISITOR_RESCHEDULED = "visitor_rescheduled", "New time to visitor"
        REMINDER_FIRST = "reminder_first", "Reminder to visitor"
        REMINDER_SECOND = "reminder_second", "Second reminder to visitor"

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        # A reminder the booking no longer needs: cancelled, moved or closed before it was due.
        VOID = "void", "Not needed"

    request = models.ForeignKey(
        ConsultationRequest, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The exception class only: error texts can echo addresses back.
    last_error = models.CharField(max_length=200, blank=True)
    # When the next attempt may run; for a reminder, first of all its due time.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # Reminders only: the consultation time the reminder is about.
    for_starts_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The lease of the worker sending it now: until then no other worker sends it; after it
    # (the worker died mid-send) the next worker does (notifications.retry_abandoned).
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    # Chosen once, before the first attempt, and sent with every retry: a mail server that
    # accepted a copy whose success was never recorded can drop the repeat.
    message_id = models.CharField(max_length=255, blank=True, editable=False)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]
        constraints = [
            # Exactly one live reminder of each kind per booking and time, however many
            # workers and sweeps plan it at once: the second insert fails here. A voided one
            # (cancelled or moved) does not count, so moving back to a time plans it again.
            models.UniqueConstraint(
                fields=["request", "kind", "for_starts_at"],
                condition=models.Q(kind__in=REMINDER_KINDS) & ~models.Q(state="void"),
                name="one_reminder_per_booking_kind_and_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind__in=REMINDER_KINDS)
                | models.Q(for_starts_at__isnull=False),
                name="reminder_names_its_time",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.request.reference}: {self.state}"

    @property
    def is_reminder(self) -> bool:
        return self.kind in REMINDER_KINDS
