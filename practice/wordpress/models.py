"""What the WordPress import made from each item of the export, so a second run updates only
what changed."""

from django.db import models


class ImportedItem(models.Model):
    """One WordPress item (post, page, author, term or upload) and the object made from it.

    `digest` is a hash of everything the import wrote: the same digest on the next run means
    the item is unchanged and nothing is saved (no new revision)."""

    class Kind(models.TextChoices):
        PAGE = "page", "post or page"
        AUTHOR = "author"
        CATEGORY = "category"
        TAG = "tag"
        IMAGE = "image", "image file"
        DOCUMENT = "document", "document file"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The WordPress post or term id, an author's login or an upload's path under uploads/.
    key = models.CharField(max_length=500)
    object_id = models.PositiveBigIntegerField()
    digest = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="wordpress_item_once"),
        ]

    def __str__(self):
        return f"WordPress {self.kind} {self.key}"
