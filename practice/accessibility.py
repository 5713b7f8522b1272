"""The accessibility statement (the parts of the W3C's model statement) and the barrier
reports visitors send from it, which land in the front desk's "Accessibility reports".

A report is personal data like a consultation request: never logged, never emailed, seen
only by staff with `practice.view_barrierreport` (the front desk, `practice.roles`).
"""

from django import forms
from django.conf import settings
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from consultations import ratelimit
from core import seo
from security.client_address import client_ip

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol", "h3"]
# Reports per visitor address per hour: enough for anyone describing several barriers,
# too few for a script to fill the front desk's queue.
REPORTS_PER_HOUR = 5


class Conformance(models.TextChoices):
    # The W3C model statement's conformance status terms.
    FULL = "full", "Fully conforms"
    PARTIAL = "partial", "Partially conforms"
    NON = "non", "Does not conform"


class AccessibilityStatementPage(Page):
    """The practice's accessibility statement, one per language under each home page."""

    intro = models.TextField(
        max_length=600,
        help_text="The practice's commitment, in one or two sentences, under the title.",
    )
    standard = models.CharField(
        max_length=80,
        default="WCAG 2.2 level AA",
        help_text="The standard the site is built and tested against.",
    )
    conformance = models.CharField(
        max_length=10,
        choices=Conformance.choices,
        default=Conformance.PARTIAL,
        help_text="“Partially” while any known limitation below is open.",
    )
    how_tested = RichTextField(
        "how it is tested",
        features=RICH_TEXT_FEATURES,
        help_text="The automated checks, the keyboard and screen-reader checks, and how often.",
    )
    known_limitations = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="What does not work yet for everyone, why, and what to do meanwhile.",
    )
    compatibility = RichTextField(
        "compatibility and technologies",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="The browsers and assistive technologies checked, and what the site relies "
        "on (HTML, CSS; JavaScript only to enhance).",
    )
    response_days = models.PositiveSmallIntegerField(
        "reply within (business days)",
        default=2,
        help_text="How many business days the practice commits to answering a report in.",
    )
    other_formats = RichTextField(
        "other ways to get information",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="E.g. forms read out by phone, large print, an interpreter at the visit.",
    )
    complaints = RichTextField(
        "if you are not satisfied",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Where a visitor can take a complaint the practice did not resolve.",
    )
    last_reviewed = models.DateField(
        help_text="When the statement and the site were last checked against the standard."
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("standard"), FieldPanel("conformance")]),
                FieldPanel("last_reviewed"),
            ],
            heading="Standard and review",
        ),
        FieldPanel("how_tested"),
        FieldPanel("known_limitations"),
        FieldPanel("compatibility"),
        FieldPanel("other_formats"),
        MultiFieldPanel(
            [FieldPanel("response_days"), FieldPanel("complaints")],
            heading="Reports and complaints",
            help_text="Phone and email come from the practice's settings; the report form "
            "sends to Front desk › Accessibility reports.",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("known_limitations"),
    ]
    parent_page_types = ["practice.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "accessibility statement"

    def get_meta_description(self):
        return seo.meta_description(self, self.intro)

    def serve(self, request, *args, **kwargs):
        form = BarrierReportForm(request.POST if request.method == "POST" else None)
        status = 200
        if request.method == "POST":
            if not ratelimit.hit(
                "barrier-report", client_ip(request) or "", REPORTS_PER_HOUR, 3600
            ):
                form.add_error(None, _("Too many reports from this address: please call us."))
                status = 429
            elif form.is_valid():
                report = form.save(commit=False)
                report.language = translation.get_language() or settings.LANGUAGE_CODE
                report.save()
                return redirect(self.url + "?sent=1#report")
            else:
                status = 400
        context = self.get_context(request, *args, **kwargs)
        context.update(form=form, sent=request.GET.get("sent") == "1")
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        # The form carries this visitor's CSRF token: never in a shared cache.
        patch_cache_control(response, private=True)
        return response


class BarrierReport(models.Model):
    """A barrier a visitor met on the site, for the front desk to answer."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        ANSWERED = "answered", "Answered"
        FIXED = "fixed", "Fixed"
        CLOSED = "closed", "Closed without a fix"

    page_address = models.CharField(
        _("page address"),
        max_length=300,
        blank=True,
        help_text=_("Where you met the problem, if you know (optional)."),
    )
    description = models.TextField(
        _("what happened"),
        max_length=2000,
        help_text=_("What you were trying to do, and what got in the way."),
    )
    name = models.CharField(_("your name"), max_length=100, blank=True)
    email = models.EmailField(
        _("email"), blank=True, help_text=_("Optional: for our reply. Or give a phone number.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default="en")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    staff_note = models.TextField(
        "internal note", blank=True, help_text="For staff only: what was done, and when."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "accessibility report"

    def __str__(self):
        return f"Accessibility report {self.pk} ({self.created_at:%Y-%m-%d})"

    @property
    def summary(self):
        return self.description[:80] + ("…" if len(self.description) > 80 else "")


class BarrierReportForm(forms.ModelForm):
    # A field people never see: bots fill it, and the report is refused.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        model = BarrierReport
        fields = ["description", "page_address", "name", "email", "phone"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["description"].error_messages["required"] = _(
            "Please tell us what happened, so we can fix it."
        )
        for name, autocomplete in (("name", "name"), ("email", "email"), ("phone", "tel")):
            self.fields[name].widget.attrs["autocomplete"] = autocomplete
        self.fields["phone"].widget.input_type = "tel"

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Please leave this field empty."))
        return ""

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if len(text) < 10:
            raise forms.ValidationError(_("Please describe the problem in a few words more."))
        return text
