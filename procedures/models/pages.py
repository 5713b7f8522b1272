"""Procedure pages: what each procedure is, who it suits, how it is done, recovery, risks and
price, with its FAQ and the articles that name it. The booking form offers these pages
(consultations.Procedure links one to one to a page). The gallery page shows the before/after
cases whose consent is valid, per procedure."""

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from blog.models.articles import for_cards, not_expired
from core import seo
from core.site_settings import PracticeSettings
from medical_review.reviews import HoldsHealthPagesMixin, MedicalReviewMixin, MedicalReviewPanel
from procedures import structured_data
from procedures.blocks import QuestionAnswerBlock, RecoveryTimelineBlock
from procedures.models.cases import BeforeAfterCase

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class ProcedureKind(models.TextChoices):
    # schema.org: a surgical procedure is its own type (SurgicalProcedure); injections and
    # non-invasive treatments are MedicalProcedures with a MedicalProcedureType.
    SURGICAL = "surgical", "Surgical"
    PERCUTANEOUS = "percutaneous", "Injection (through the skin)"
    NONINVASIVE = "noninvasive", "Non-invasive"


class ProcedureIndexPage(HoldsHealthPagesMixin, Page):
    intro = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="A short paragraph under the heading of the procedures list.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["practice.HomePage"]
    subpage_types = ["procedures.ProcedurePage", "procedures.GalleryPage"]
    max_count = 1

    class Meta:
        verbose_name = "procedures index"

    def get_meta_description(self):
        return seo.meta_description(self, self.intro)

    def procedures(self):
        """The live procedures under this index, in the order editors arranged them."""
        return (
            ProcedurePage.objects.child_of(self)
            .live()
            .public()
            .only("id", "title", "slug", "url_path", "path", "depth", "summary", "locale_id")
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["procedures"] = list(self.procedures())
        context["gallery"] = GalleryPage.objects.child_of(self).live().public().first()
        return context


class ProcedurePage(MedicalReviewMixin, Page):
    summary = models.TextField(
        max_length=400,
        help_text="One or two sentences on what the procedure does. Shown under the title, on "
        "the procedures list and as the search description when none is set.",
    )
    kind = models.CharField(
        max_length=20,
        choices=ProcedureKind.choices,
        default=ProcedureKind.SURGICAL,
        help_text="How the procedure is done, for search engines (structured data).",
    )
    body_location = models.CharField(
        max_length=120,
        help_text="The part of the face treated, in plain words, e.g. “Upper and lower eyelids”.",
    )
    who_it_suits = RichTextField(
        "who it suits",
        features=RICH_TEXT_FEATURES,
        help_text="Who is usually a good candidate, and who is not.",
    )
    how_it_is_done = RichTextField(
        "how it is done",
        features=RICH_TEXT_FEATURES,
        help_text="Anaesthesia, incisions or injection sites, and how long it takes.",
    )
    preparation = RichTextField(
        features=RICH_TEXT_FEATURES,
        help_text="What the patient does in the weeks before.",
    )
    recovery = StreamField(
        RecoveryTimelineBlock(),
        blank=True,
        help_text="The recovery timeline, one step per day, week or month, in order.",
    )
    risks = RichTextField(
        features=RICH_TEXT_FEATURES,
        help_text="The common and the serious risks, stated plainly.",
    )
    price_from = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Optional. Lowest usual fee in US dollars; leave both empty to show no price.",
    )
    price_to = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Optional. Highest usual fee in US dollars.",
    )
    price_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional line under the price, e.g. “Includes surgeon, anaesthesia and "
        "facility fees”.",
    )
    faq = StreamField(
        [("question", QuestionAnswerBlock())],
        blank=True,
        verbose_name="FAQ",
        help_text="Questions patients ask about this procedure. Also given to search engines.",
    )
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("who_it_suits"),
        FieldPanel("how_it_is_done"),
        FieldPanel("preparation"),
        FieldPanel("recovery"),
        FieldPanel("risks"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("price_from"), FieldPanel("price_to")]),
                FieldPanel("price_note"),
            ],
            heading="Price range",
            help_text="Optional: shown only when a lowest fee is set.",
        ),
        FieldPanel("faq"),
    ]
    detail_panels = [FieldPanel("kind"), FieldPanel("body_location")]
    edit_handler = TabbedInterface(
        [
            # First: whether the live version is reviewed, by whom, and when one is due.
            ObjectList(
                [MedicalReviewPanel(heading="Medical review"), *content_panels], heading="Procedure"
            ),
            ObjectList(detail_panels, heading="Structured data"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("who_it_suits"),
        index.SearchField("how_it_is_done"),
        index.SearchField("body_location"),
        index.SearchField("faq"),
    ]

    parent_page_types = ["procedures.ProcedureIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "procedure"
        constraints = [
            models.CheckConstraint(
                name="procedure_price_range_in_order",
                condition=models.Q(price_to__isnull=True)
                | models.Q(price_from__isnull=False, price_to__gte=models.F("price_from")),
            )
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.price_to is not None and self.price_from is None:
            errors["price_from"] = "Set the lowest fee too, or clear the highest."
        elif self.price_to is not None and self.price_to < self.price_from:
            errors["price_to"] = "The highest fee cannot be below the lowest."
        if errors:
            raise ValidationError(errors)

    def get_meta_description(self):
        return self.search_description or self.summary

    def related_articles(self):
        """Live articles in this page's language that name this procedure, newest first,
        with what their cards show."""
        if self.pk is None:
            return []
        articles = not_expired(self.articles.live().public().filter(locale_id=self.locale_id))
        return list(for_cards(articles).order_by("-date", "-pk")[:6])

    def gallery_url(self):
        """This procedure's results in the gallery in this page's language, if there is
        one (no link from a Spanish page to an English gallery)."""
        gallery = GalleryPage.objects.live().public().filter(locale_id=self.locale_id).first()
        if gallery is None or not self.slug:
            return None
        return gallery.url + gallery.reverse_subpage("procedure", args=[self.slug])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        settings = PracticeSettings.for_request(request)
        context.update(
            canonical_url=request.build_absolute_uri(self.url),
            related_articles=self.related_articles(),
            gallery_url=self.gallery_url(),
            structured_data=structured_data.procedure_jsonld(self, request, settings),
        )
        return context


def keep_until(response, moment):
    """Tell shared caches not to keep `response` past `moment` (an aware datetime or None):
    for what shows a patient's case, whose consent ends then."""
    if moment is not None:
        seconds = int((moment - timezone.now()).total_seconds())
        if seconds < django_settings.PAGE_CACHE_TIMEOUT:
            patch_cache_control(response, s_maxage=max(0, seconds))
    return response


@register_setting(icon="image")
class GallerySettings(BaseSiteSetting):
    noimageindex = models.BooleanField(
        "ask search engines not to index gallery photos",
        default=True,
        help_text="Sends “X-Robots-Tag: noimageindex” with gallery pages and “noindex” with "
        "their photos, so patient photos stay out of image search.",
    )

    panels = [FieldPanel("noimageindex")]

    class Meta:
        verbose_name = "gallery settings"


class GalleryPage(RoutablePageMixin, Page):
    """Before/after results: every shown case, or one procedure's (`<procedure slug>/`)."""

    intro = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="A short paragraph above the results, e.g. that results vary.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["procedures.ProcedureIndexPage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "before/after gallery"

    def get_meta_description(self):
        return seo.meta_description(self, self.intro)

    def cases(self, procedure=None):
        """Cases visitors may see, with their procedure and photo pairs: three queries
        whatever their number. A case belongs to one procedure page (the default
        language's); `procedure` in any language finds its cases."""
        shown = BeforeAfterCase.objects.shown().select_related("procedure")
        if procedure is not None:
            shown = shown.filter(procedure__translation_key=procedure.translation_key)
        return list(shown.prefetch_related("photo_pairs").order_by("sort_order", "-created_at"))

    def procedures_with_cases(self):
        """The live procedure pages in this gallery's language with a case to show."""
        with_cases = BeforeAfterCase.objects.shown().values("procedure__translation_key")
        return list(
            ProcedurePage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, translation_key__in=with_cases)
            .only(
                "id", "title", "slug", "path", "depth", "url_path", "locale_id", "translation_key"
            )
            .order_by("path")
        )

    def _render(self, request, procedure=None):
        cases = self.cases(procedure)
        filters = self.procedures_with_cases()
        # Each case under its procedure's title in this gallery's language.
        titles = {page.translation_key: page.title for page in filters}
        response = self.render(
            request,
            context_overrides={
                "cases": [
                    (case, titles.get(case.procedure.translation_key, case.procedure.title))
                    for case in cases
                ],
                "current_procedure": procedure,
                "filters": filters,
            },
        )
        if GallerySettings.for_request(request).noimageindex:
            response["X-Robots-Tag"] = "noimageindex"
        # A consent that expires takes its case off: no shared cache may keep the page past it.
        ends = [case.consent_ends_at() for case in cases if case.consent_expires_on]
        return keep_until(response, min(ends) if ends else None)

    @path("")
    def all_cases(self, request):
        return self._render(request)

    @path("<slug:procedure_slug>/", name="procedure")
    def procedure_cases(self, request, procedure_slug):
        procedure = (
            ProcedurePage.objects.live()
            .public()
            .filter(slug=procedure_slug, locale_id=self.locale_id)
            .first()
        )
        if procedure is None:
            raise Http404("No such procedure")
        return self._render(request, procedure)
