"""The record of medical review: one row per physician's approval of a page revision.

The rules around it (who reviews, when a review is due, the workflow) are in
`medical_review.reviews`.
"""

from django.conf import settings
from django.db import models

from people.models import Author


class MedicalReview(models.Model):
    """One physician's approval of one revision of a health page (or a review recorded before
    workflows, migrated from the old free fields: no approving account)."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="medical_reviews"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The revision the physician approved.",
    )
    reviewer = models.ForeignKey(
        Author,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="medical_reviews",
        help_text="The approving physician's author profile, named on the page.",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_on = models.DateField(help_text="The approval date shown on the page.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "practice_medicalreview"  # its table from when the core held it
        ordering = ["-reviewed_on", "-pk"]
        indexes = [models.Index(fields=["page", "revision"])]

    def __str__(self):
        return f"Review of page {self.page_id} on {self.reviewed_on}"
