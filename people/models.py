"""The people the site names.

`Author`: the profile of whoever writes or medically reviews the site's pages (a physician's
profile is what their approvals name). `Clinician`: a staff member patients book (surgeons,
nurse injectors, physician assistants), who may be linked to their public author profile.

The apps above build on these: the blog lists authors' articles, medical review names the
approving physician, and the booking app gives each clinician a calendar and the procedures
they consult on (declared there, as `Procedure.clinicians`, so this app imports none of them).
The tables keep the names they had in the blog and booking apps (`db_table`).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index


def taken_in_locale(instance, **values):
    """The names of `values` (field: value) another row in the instance's language has.

    The per-locale unique constraints name `locale`, which the admin form does not edit, so
    Django's form validation skips them: this gives the editor a message, not an error page.
    """
    locale_id = instance.locale_id or Locale.get_default().pk
    others = type(instance).objects.filter(locale_id=locale_id).exclude(pk=instance.pk)
    return [
        name for name, value in values.items() if value and others.filter(**{name: value}).exists()
    ]


class Author(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(max_length=120, help_text="Full name as patients should see it.")
    slug = models.SlugField(
        help_text="Used in the address of the author's page, e.g. jane-doe. A translation "
        "may keep it or take its own."
    )
    credentials = models.CharField(
        max_length=60, blank=True, help_text="Letters after the name, e.g. MD, FACS or RN."
    )
    role = models.CharField(
        max_length=120,
        blank=True,
        help_text="Job title shown under the name, e.g. Board-certified facial plastic surgeon.",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A head-and-shoulders portrait. Set its alt text in the image library.",
    )
    bio = models.TextField(
        max_length=800, blank=True, help_text="Two or three sentences shown in the author box."
    )
    is_physician = models.BooleanField(
        default=False,
        help_text="Tick for licensed physicians: search engines are told this author is a doctor.",
    )
    medical_specialty = models.CharField(
        max_length=60,
        blank=True,
        default="PlasticSurgery",
        help_text="schema.org medical specialty for physicians, e.g. PlasticSurgery.",
    )
    profile_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional page with the author's full biography (e.g. the About page).",
    )

    # One profile per account in each language: the translations of a physician's profile
    # share the account (wagtail-localize copies it), so a Spanish page names the Spanish one.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profiles",
        verbose_name="staff account",
        help_text="For physicians: their admin account. Their approvals of articles and "
        "procedure pages name this profile as the medical reviewer.",
    )
    weekly_review_digest = models.BooleanField(
        default=False,
        help_text="Email the linked account a weekly list of pages awaiting or due for "
        "medical review (titles and admin links only).",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("credentials")]),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldRowPanel([FieldPanel("is_physician"), FieldPanel("medical_specialty")]),
        FieldPanel("profile_page"),
        # Only those who manage accounts link them: the link decides whose name an
        # approval shows.
        FieldPanel("user", permission="auth.change_user"),
        FieldPanel("weekly_review_digest"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        db_table = "blog_author"  # its table from when the blog held it
        ordering = ["name"]
        # Addresses are per language: /es/blog/author/<slug>/ finds the Spanish translation.
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="blog_author_slug_per_locale"),
            models.UniqueConstraint(
                fields=["user", "locale"],
                condition=models.Q(user__isnull=False),
                name="blog_author_one_profile_per_account_and_locale",
            ),
        ]

    def __str__(self):
        return self.display_name

    def clean(self):
        super().clean()
        if taken_in_locale(self, slug=self.slug):
            raise ValidationError({"slug": "Another author in this language has this slug."})

    @property
    def display_name(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class ClinicianQuerySet(models.QuerySet):
    def bookable(self):
        return self.filter(active=True)

    def consulting_on(self, procedures):
        """Those who consult on every one of `procedures` (no procedures listed: on all).
        `procedures` is the relation consultations.Procedure declares (`clinicians`)."""
        queryset = self
        for procedure in procedures:
            queryset = queryset.filter(
                models.Q(procedures=procedure) | models.Q(procedures__isnull=True)
            )
        return queryset.distinct()


class Clinician(models.Model):
    """A staff member patients book. Their calendar is what a booking holds (weekly sessions
    at an office or by video, never two bookings at one time, whatever the place). One
    without a public profile is never shown on the site beyond their name on the booking
    form."""

    class Role(models.TextChoices):
        SURGEON = "surgeon", _("Surgeon")
        NURSE_INJECTOR = "nurse_injector", _("Nurse injector")
        PHYSICIAN_ASSISTANT = "physician_assistant", _("Physician assistant")

    name = models.CharField(
        max_length=120,
        help_text="As patients see it on the booking form and in their emails, e.g. Dr. Jane Doe.",
    )
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.SURGEON)
    author = models.OneToOneField(
        Author,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clinician",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        verbose_name="public profile",
        help_text="Their author profile (in English), if they have one: its page then offers "
        "“Book with …”. Leave empty for staff without a public profile.",
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0,
        help_text="Order on the booking form; “first available” breaks ties in this order.",
    )
    active = models.BooleanField(
        default=True, help_text="Untick to stop offering them for new bookings."
    )

    objects = ClinicianQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldPanel("author"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("active")]),
    ]

    class Meta:
        db_table = "consultations_clinician"  # its table from when the booking app held it
        ordering = ["sort_order", "name", "pk"]

    def __str__(self):
        return self.name
