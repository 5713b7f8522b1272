"""Office location pages: where patients are seen and consultations are booked."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.queryset import FakeQuerySet
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core import seo
from offices import hours


class OfficeIndexPage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["practice.HomePage"]
    subpage_types = ["offices.OfficePage"]
    max_count = 1

    class Meta:
        verbose_name = "office index page"

    def get_meta_description(self):
        found = seo.meta_description(self, self.intro)
        if found:
            return found
        # Only without a description or intro: name the offices (one more query).
        names = ", ".join(office.title for office in self.offices())
        return seo.summary(f"{self.title}: {names}.") if names else ""

    def offices(self):
        """Live offices with everything the listing shows, in a fixed number of queries."""
        return (
            OfficePage.objects.child_of(self)
            .live()
            .order_by("path")
            .prefetch_related("opening_hours", "hours_exceptions")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        context["office_rows"] = [
            {"office": office, "today": hours.hours_on(office, today)} for office in self.offices()
        ]
        return context


class OfficePageForm(WagtailAdminPageForm):
    """Checks the rules that span several rows: no overlapping hours on one day, no two
    exceptions on one date (the page could only show one of them)."""

    def _kept_rows(self, name):
        formset = self.formsets.get(name)
        # Formsets are validated after the parent form, so validate them here first.
        if formset is None or not formset.is_valid():
            return []
        return [
            form.cleaned_data
            for form in formset.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        cleaned = super().clean()
        rows = [
            (int(data["weekday"]), data["opens"], data["closes"])
            for data in self._kept_rows("opening_hours")
            if data.get("weekday") is not None and data.get("opens") and data.get("closes")
        ]
        clashes = hours.overlapping_weekdays(rows)
        if clashes:
            days = ", ".join(str(hours.WEEKDAYS[day]) for day in clashes)
            message = f"Opening hours overlap on {days}. Make each day's rows not overlap."
            self.add_error(None, message)
        dates = [data["date"] for data in self._kept_rows("hours_exceptions") if data.get("date")]
        repeated = sorted({date for date in dates if dates.count(date) > 1})
        if repeated:
            listed = ", ".join(f"{date:%B} {date.day}, {date.year}" for date in repeated)
            self.add_error(
                None,
                f"More than one holiday or special-hours exception on {listed}. "
                "Keep one exception per date.",
            )
        return cleaned


class OfficePage(Page):
    intro = models.TextField(
        max_length=400, blank=True, help_text="One or two sentences about this office."
    )
    address_line_1 = models.CharField("street address", max_length=120)
    address_line_2 = models.CharField(
        "address line 2", max_length=120, blank=True, help_text="Suite, floor or building."
    )
    city = models.CharField(max_length=80)
    region = models.CharField("state", max_length=40, default="CA", help_text="For example CA.")
    postal_code = models.CharField("ZIP code", max_length=20)
    country = models.CharField(
        max_length=2, default="US", help_text="Two-letter country code, for example US."
    )
    phone = PhoneNumberField(help_text="Main office number, for example (310) 555-0142.")
    email = models.EmailField(
        blank=True, help_text="Office inbox; also receives new-booking notifications."
    )
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="Between -90 and 90, for example 34.066750.",
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="Between -180 and 180, for example -118.387400.",
    )
    directions = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text="Parking, building access and how to find the suite.",
    )

    base_form_class = OfficePageForm

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("address_line_1"),
                FieldPanel("address_line_2"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("country")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Address",
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading="Contact"),
        FieldPanel("directions"),
        InlinePanel("gallery_images", label="Photos", heading="Photo gallery"),
    ]
    hours_panels = [
        InlinePanel(
            "opening_hours",
            label="Opening hours row",
            heading="Weekly opening hours",
            help_text="One row per opening period. Add two rows for a day with a lunch break; "
            "days without rows are shown as closed.",
        ),
        InlinePanel(
            "hours_exceptions",
            label="Dated exception",
            heading="Holidays and special hours",
            help_text="A date the office is closed or keeps different hours.",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Office"),
            ObjectList(hours_panels, heading="Hours"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("city"),
        index.SearchField("address_line_1"),
        index.SearchField("intro"),
    ]

    parent_page_types = ["offices.OfficeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "office page"

    @property
    def address_lines(self):
        """The postal address as display lines, in US order."""
        lines = [self.address_line_1, self.address_line_2]
        lines.append(f"{self.city}, {self.region} {self.postal_code}".strip())
        return [line for line in lines if line]

    @property
    def one_line_address(self):
        return ", ".join(self.address_lines)

    def get_meta_description(self):
        return seo.meta_description(
            self,
            self.intro,
            f"{self.title}, {self.one_line_address}. Hours, directions and consultations.",
        )

    @property
    def directions_url(self):
        """A plain link to a maps search: no map scripts are loaded on our pages."""
        query = urlencode({"api": 1, "destination": self.one_line_address})
        return f"https://www.google.com/maps/dir/?{query}"

    def load_rows(self):
        """Its hours, exceptions and photos, once. A preview or a revision carries its
        (possibly unsaved) rows in memory; a live page reads them in three queries."""
        if self.pk is not None and not isinstance(self.opening_hours.all(), FakeQuerySet):
            prefetch_related_objects(
                [self],
                "opening_hours",
                "hours_exceptions",
                # Photos with their images in one query, and their renditions in one more: the
                # gallery and the JSON-LD images then cost no query (or cache read) each.
                Prefetch(
                    "gallery_images",
                    queryset=OfficeGalleryImage.objects.select_related("image").prefetch_related(
                        "image__renditions"
                    ),
                ),
            )
        return self

    # What the office's main fragment shows, read by its template only when the fragment is
    # rendered (a warm render reads none of it). "Today" is the practice's local date: the
    # site generation ends at local midnight, so the cached fragment moves on with it.
    def today_hours(self):
        return hours.hours_on(self.load_rows(), timezone.localdate())

    def weekly_hours(self):
        return hours.weekly_hours(self.load_rows())

    def upcoming_exceptions(self):
        return hours.upcoming_exceptions(self.load_rows(), timezone.localdate())

    def photos(self):
        return list(self.load_rows().gallery_images.all())


class OpeningHours(Orderable):
    page = ParentalKey(OfficePage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(
        choices=list(enumerate(hours.WEEKDAYS)), help_text="Day of the week."
    )
    opens = models.TimeField(help_text="For example 09:00.")
    closes = models.TimeField(help_text="For example 17:30. Must be after opening.")

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = "opening hours row"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="hours_close_after_open"
            )
        ]

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": "Closing time must be after opening time."})


class HoursException(Orderable):
    page = ParentalKey(OfficePage, on_delete=models.CASCADE, related_name="hours_exceptions")
    date = models.DateField()
    closed = models.BooleanField(default=True, help_text="Untick to give special hours instead.")
    opens = models.TimeField(null=True, blank=True)
    closes = models.TimeField(null=True, blank=True)
    note = models.CharField(max_length=120, blank=True, help_text="For example Thanksgiving.")

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("closed")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "hours exception"

    def clean(self):
        if self.closed:
            self.opens = self.closes = None
            return
        if not self.opens or not self.closes:
            raise ValidationError("Give opening and closing times, or tick closed.")
        if self.closes <= self.opens:
            raise ValidationError({"closes": "Closing time must be after opening time."})

    def intervals(self):
        return [] if self.closed else [hours.Interval(self.opens, self.closes)]


class OfficeGalleryImage(Orderable):
    page = ParentalKey(OfficePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Set the image's alt text (description) in the image library.",
    )
    caption = models.CharField(max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
