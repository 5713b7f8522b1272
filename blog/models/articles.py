"""Articles: the blog's pages, what each shows beside its body (related articles, previous
and next, its authors and topics) and which articles are visible at all."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from modelcluster.queryset import FakeQuerySet
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from blog import structured_data
from blog.blocks import ArticleStreamBlock
from blog.models import taxonomy
from blog.models.taxonomy import BlogPageTag
from blog.reading import reading_time_minutes
from core.seo import SearchEngineFields
from core.site_settings import PracticeSettings
from medical_review.reviews import MedicalReviewMixin, MedicalReviewPanel


def for_cards(articles):
    """`articles` with what an article card shows: the hero image joined in and its
    renditions in one more query, the body (often the largest column) left out."""
    return (
        articles.defer("body")
        .select_related("hero_image")
        .prefetch_related("hero_image__renditions")
    )


def not_expired(queryset, now=None):
    """Pages whose expiry has not passed. Wagtail unpublishes expired pages only when
    `publish_scheduled` runs; until then they are still live and must not be shown."""
    now = now or timezone.now()
    return queryset.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))


def has_expired(page, now=None):
    return page.expire_at is not None and page.expire_at <= (now or timezone.now())


class BlogPage(MedicalReviewMixin, SearchEngineFields, Page):
    lede = models.TextField(
        max_length=400,
        help_text="One or two sentences summarising the article. Shown under the title, on "
        "cards, in feeds and as the search description when none is set.",
    )
    date = models.DateField(
        "publication date",
        default=timezone.localdate,
        help_text="Shown on the article and used to order the blog. Defaults to today. A "
        "later date does not schedule the article: to publish it later, use “Set schedule” "
        "in the Status side panel to pick a go-live date, then “Schedule to publish”.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Wide image at the top of the article and on cards (at least 1200px wide).",
    )
    hero_alt = models.CharField(
        "hero image alt text",
        max_length=200,
        blank=True,
        help_text="Required with a hero image: describe what it shows for people who cannot "
        "see it.",
    )
    hero_caption = models.CharField(
        max_length=250,
        blank=True,
        help_text="Optional line under the hero image, e.g. credit or what it shows. Not a "
        "replacement for the alt text.",
    )
    body = StreamField(ArticleStreamBlock(), help_text="The article itself.")
    categories = ParentalManyToManyField(
        "blog.BlogCategory",
        blank=True,
        related_name="articles",
        help_text="One or two broad topics; each category has its own listing and feed.",
    )
    tags = ClusterTaggableManager(
        through=BlogPageTag,
        blank=True,
        help_text="Specific subjects, e.g. eyelids, recovery. Used for related articles.",
    )
    procedures = ParentalManyToManyField(
        "procedures.ProcedurePage",
        blank=True,
        related_name="articles",
        help_text="The procedures the article is about. It links to each, and each procedure "
        "page lists it.",
    )
    reading_minutes = models.PositiveSmallIntegerField(
        default=1, editable=False, help_text="Computed from the body when saved."
    )

    article_panels = Page.content_panels + [
        FieldPanel("lede"),
        FieldPanel("date"),
        InlinePanel(
            "article_authors",
            label="Author",
            heading="Authors",
            min_num=1,
            help_text="Everyone who wrote the article, in the order to show them.",
        ),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt"), FieldPanel("hero_caption")],
            heading="Hero image",
        ),
        FieldPanel("body"),
    ]
    topic_panels = [FieldPanel("categories"), FieldPanel("tags"), FieldPanel("procedures")]
    edit_handler = TabbedInterface(
        [
            # First: whether the live version is reviewed, by whom, and when one is due.
            ObjectList(
                [MedicalReviewPanel(heading="Medical review"), *article_panels], heading="Article"
            ),
            ObjectList(topic_panels, heading="Topics"),
            ObjectList(Page.promote_panels + SearchEngineFields.panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("lede"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.FilterField("date"),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "article"

    def clean(self):
        super().clean()
        errors = {}
        if self.hero_image_id and not self.hero_alt.strip():
            errors["hero_alt"] = "Describe the hero image for people who cannot see it."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.reading_minutes = reading_time_minutes(self.body)
        return super().save(*args, **kwargs)

    def get_meta_description(self):
        return self.search_description or self.lede

    def route(self, request, path_components):
        # Until publish_scheduled unpublishes it, an expired article is still live.
        if not path_components and has_expired(self):
            raise Http404("This article has expired")
        return super().route(request, path_components)

    def get_sitemap_urls(self, request=None):
        return [] if has_expired(self) else super().get_sitemap_urls(request)

    # What the page shows of its own links: from the relations in memory when the page
    # object carries them (a preview or a revision, whose links may be unsaved), else read
    # from the database in a fixed number of queries (blog.models.taxonomy.build). Read
    # only on a render of the article's main fragment, so a warm render never pays them.
    @cached_property
    def taxonomy(self):
        if self.pk is not None and not isinstance(self.article_authors.all(), FakeQuerySet):
            return taxonomy.build(self)
        return taxonomy.ArticleTaxonomy(
            authors=[item.author for item in self.article_authors.all() if item.author_id],
            categories=list(self.categories.all()),
            tags=[item.tag for item in self.tagged_items.all()],
            procedures=sorted((p for p in self.procedures.all() if p.live), key=lambda p: p.path),
        )

    @property
    def author_list(self):
        return self.taxonomy.authors

    @property
    def category_list(self):
        return self.taxonomy.categories

    @property
    def tag_list(self):
        return self.taxonomy.tags

    @property
    def procedure_list(self):
        """The live procedure pages the article names, in the procedures list's order."""
        return self.taxonomy.procedures

    def has_faq(self):
        return any(block.block_type == "faq" for block in self.body)

    @cached_property
    def visible_articles(self):
        """Live, public, unexpired articles: the base of the previous, next and related ones.
        Built once per page object, so Wagtail's public() reads the view restrictions once."""
        return not_expired(BlogPage.objects.live().public())

    def siblings(self):
        return self.visible_articles.sibling_of(self, inclusive=False)

    def previous_article(self):
        """The next older article in the same blog."""
        if self.pk is None:  # previewing an article that has never been saved
            return None
        older = Q(date__lt=self.date) | Q(date=self.date, pk__lt=self.pk)
        return self.siblings().filter(older).order_by("-date", "-pk").first()

    def next_article(self):
        if self.pk is None:
            return None
        newer = Q(date__gt=self.date) | Q(date=self.date, pk__gt=self.pk)
        return self.siblings().filter(newer).order_by("date", "pk").first()

    def related_articles(self, limit=3):
        """Live articles sharing a category or tag with this one, most shared first."""
        category_ids = [category.pk for category in self.category_list]
        tag_ids = [tag.pk for tag in self.tag_list]
        if not category_ids and not tag_ids:
            return []
        # An empty __in inside an aggregate filter makes the whole sum NULL: count only what exists.
        counts = []
        if category_ids:
            counts.append(Count("categories", filter=Q(categories__in=category_ids), distinct=True))
        if tag_ids:
            counts.append(
                Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True)
            )
        shared = counts[0] + counts[1] if len(counts) == 2 else counts[0]
        return list(
            for_cards(self.visible_articles)
            .exclude(pk=self.pk or 0)
            .annotate(shared=shared)
            .filter(shared__gt=0)
            .order_by("-shared", "-date", "-pk")[:limit]
        )

    def get_context(self, request, *args, **kwargs):
        """What the head needs on every render. The main fragment's contents (topics,
        related cards, previous and next, JSON-LD) are read by the template from the page's
        methods, so a render that finds the fragment cached reads none of them."""
        context = super().get_context(request, *args, **kwargs)
        settings = PracticeSettings.for_request(request)
        index = self.get_parent().specific
        context.update(
            index.feed_urls(request),
            blog_index=index,
            canonical_url=self.seo_canonical or request.build_absolute_uri(self.get_url(request)),
            share_image_url=structured_data.image_url(
                self.hero_image or settings.default_share_image, request
            ),
        )
        return context
