"""Blog pages (the index and articles) and the snippets they use: authors and categories."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from blog.blocks import ArticleStreamBlock
from blog.reading import reading_time_minutes
from practice import navigation, page_cache
from practice.navigation import RoutedPageMixin

ARTICLES_PER_PAGE = 10


def _images_with_renditions():
    return get_image_model().objects.prefetch_renditions()


def not_expired(queryset, now=None):
    """Pages whose expiry has not passed. Wagtail unpublishes expired pages only when
    `publish_scheduled` runs; until then they are still live and must not be shown."""
    now = now or timezone.now()
    return queryset.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))


def has_expired(page, now=None):
    return page.expire_at is not None and page.expire_at <= (now or timezone.now())


def page_cache_until(response, expiry):
    """Tell shared caches (the page cache, a CDN) not to keep this response past `expiry`,
    the moment an article it shows expires: `s-maxage` counts down to it.

    After the expiry the article is filtered out of every query, and `publish_scheduled`
    purges its paths when it unpublishes it.
    """
    if expiry is not None:
        seconds = int((expiry - timezone.now()).total_seconds())
        if seconds < settings.PAGE_CACHE_TIMEOUT:
            patch_cache_control(response, s_maxage=max(0, seconds))
    return response


class Author(index.Indexed, models.Model):
    name = models.CharField(max_length=120, help_text="Full name as patients should see it.")
    slug = models.SlugField(
        unique=True, help_text="Used in the address of the author's page, e.g. jane-doe."
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

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("credentials")]),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldRowPanel([FieldPanel("is_physician"), FieldPanel("medical_specialty")]),
        FieldPanel("profile_page"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class BlogCategory(models.Model):
    name = models.CharField(
        max_length=80,
        unique=True,
        help_text="Shown on article pages, in the category menu and as the listing's heading.",
    )
    slug = models.SlugField(
        unique=True, help_text="Used in the category's address: /blog/category/<slug>/."
    )
    description = models.TextField(
        max_length=400, blank=True, help_text="Shown at the top of the category's listing."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = "blog category"
        verbose_name_plural = "blog categories"

    def __str__(self):
        return self.name


class BlogIndexPage(RoutablePageMixin, RoutedPageMixin, Page):
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence or two at the top of the blog; also its search description "
        "when none is set in the Promote tab.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["practice.HomePage"]
    subpage_types = ["blog.BlogPage"]
    max_count = 1

    class Meta:
        verbose_name = "blog index page"

    @classmethod
    def routing_cache_key(cls, parent, slug):
        """Routing caches the blog index (practice.navigation.RoutedPageMixin): it changes
        only when it is saved, published, unpublished, moved or deleted (the neighbours
        version: blog.signals) or a slug above it changes (the site generation)."""
        return fragment_key("index", f"{parent.pk}:{slug}")

    def articles(self):
        """Live, public, unexpired articles of this blog, newest first, with what a card
        shows (the hero image) prefetched.

        live() already leaves out drafts and scheduled articles (they are not live until
        go_live_at), whatever their first_published_at.
        """
        return (
            not_expired(BlogPage.objects.child_of(self).live().public())
            .order_by("-date", "-first_published_at", "-pk")
            .prefetch_related(Prefetch("hero_image", queryset=_images_with_renditions()))
        )

    def next_expiry(self):
        """The earliest future expire_at among this blog's live articles, or None.

        The list of expiry times is cached until any article changes (the neighbours
        version), so a render does not pay a query for it.
        """

        def build():
            found = BlogPage.objects.child_of(self).live().filter(expire_at__isnull=False)
            return sorted(found.values_list("expire_at", flat=True))

        key = f"blog:expiries:{neighbours_version()}:{self.pk}"
        now = timezone.now()
        return next((t for t in cache.get_or_set(key, build, NEIGHBOURS_TIMEOUT) if t > now), None)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return page_cache_until(response, self.next_expiry())

    def paginate(self, request, articles):
        # get_page turns junk or out-of-range numbers into the first or last page, never a 500.
        return Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))

    def feed_urls(self, request, category=None):
        base = self.url
        urls = {
            "feed_rss_url": base + self.reverse_subpage("feed_rss"),
            "feed_atom_url": base + self.reverse_subpage("feed_atom"),
        }
        if category is not None:
            urls["category_feed_rss_url"] = base + self.reverse_subpage(
                "category_feed_rss", args=[category.slug]
            )
            urls["category_feed_atom_url"] = base + self.reverse_subpage(
                "category_feed_atom", args=[category.slug]
            )
        return {key: request.build_absolute_uri(url) for key, url in urls.items()}

    def crumbs_context(self, request, crumbs):
        """Breadcrumbs past this page (name, path) for the visible trail and its JSON-LD."""
        from blog import structured_data

        return {
            "breadcrumb_ancestors": navigation.ancestors(self),
            "extra_crumbs": list(crumbs),
            "breadcrumbs_jsonld": structured_data.breadcrumbs_jsonld(self, request, crumbs),
        }

    def _listing(self, request, articles, title, description, crumbs=(), empty_404=False, **extra):
        from blog import structured_data
        from practice.models import PracticeSettings

        page_obj = self.paginate(request, articles)
        if empty_404 and page_obj.paginator.count == 0:
            raise Http404("Nothing is listed here")
        canonical = request.build_absolute_uri(request.path)
        if page_obj.number > 1:
            canonical += f"?page={page_obj.number}"
        practice_settings = PracticeSettings.for_request(request)
        crumbs_context = self.crumbs_context(request, crumbs)
        context = {
            "articles": page_obj,
            "listing_title": title,
            "listing_description": description,
            "canonical_url": canonical,
            "share_image_url": structured_data.image_url(
                practice_settings.default_share_image, request
            ),
            "structured_data": [crumbs_context["breadcrumbs_jsonld"]],
            **crumbs_context,
            **self.feed_urls(request, extra.get("category")),
            **extra,
        }
        return self.render(request, context_overrides=context)

    @path("")
    def all_articles(self, request):
        description = self.search_description or strip_tags(self.intro).strip()
        return self._listing(request, self.articles(), self.seo_title or self.title, description)

    @path("category/<slug:slug>/")
    def category(self, request, slug):
        category = get_object_or_404(BlogCategory, slug=slug)
        return self._listing(
            request,
            self.articles().filter(categories=category),
            category.name,
            category.description or f"Articles about {category.name.lower()}.",
            crumbs=[(category.name, request.path)],
            category=category,
        )

    @path("tag/<slug:slug>/")
    def tag(self, request, slug):
        # Only a tag on a live, public article of this blog has a listing: a tag used only
        # by drafts would otherwise announce an unpublished subject.
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404("No such tag")
        return self._listing(
            request,
            self.articles().filter(tags=tag),
            f"Articles tagged “{tag.name}”",
            f"Articles about {tag.name}.",
            crumbs=[(tag.name, request.path)],
            empty_404=True,
            tag=tag,
        )

    @path("author/<slug:slug>/")
    def author(self, request, slug):
        from blog import structured_data

        author = get_object_or_404(
            Author.objects.select_related("photo", "profile_page"), slug=slug
        )
        articles = self.articles().filter(article_authors__author=author).distinct()
        crumbs_context = self.crumbs_context(request, [(author.name, request.path)])
        return self.render(
            request,
            template="blog/author_page.html",
            context_overrides={
                "author": author,
                "articles": self.paginate(request, articles),
                "canonical_url": request.build_absolute_uri(request.path),
                "structured_data": [
                    structured_data.author_jsonld(author, request, self, with_context=True),
                    crumbs_context["breadcrumbs_jsonld"],
                ],
                **crumbs_context,
            },
        )

    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        from blog.feeds import ArticlesRssFeed

        return ArticlesRssFeed(self)(request)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        from blog.feeds import ArticlesAtomFeed

        return ArticlesAtomFeed(self)(request)

    @path("category/<slug:slug>/feed/rss/", name="category_feed_rss")
    def category_feed_rss(self, request, slug):
        from blog.feeds import ArticlesRssFeed

        return ArticlesRssFeed(self, get_object_or_404(BlogCategory, slug=slug))(request)

    @path("category/<slug:slug>/feed/atom/", name="category_feed_atom")
    def category_feed_atom(self, request, slug):
        from blog.feeds import ArticlesAtomFeed

        return ArticlesAtomFeed(self, get_object_or_404(BlogCategory, slug=slug))(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = BlogCategory.objects.filter(
            pk__in=BlogPage.categories.through.objects.filter(
                blogpage__in=not_expired(BlogPage.objects.child_of(self).live().public())
            ).values("blogcategory_id")
        )
        return context


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.BlogPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class BlogPage(RoutedPageMixin, Page):
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
    reviewed_by = models.ForeignKey(
        "blog.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_articles",
        verbose_name="medically reviewed by",
        help_text="The clinician who checked the medical content.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When the medical content was last checked."
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
    topic_panels = [FieldPanel("categories"), FieldPanel("tags")]
    review_panels = [
        MultiFieldPanel(
            [FieldPanel("reviewed_by"), FieldPanel("last_reviewed")],
            heading="Medical review",
            help_text="Shown on the article as “Medically reviewed by … on …”.",
        )
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(article_panels, heading="Article"),
            ObjectList(topic_panels, heading="Topics"),
            ObjectList(review_panels, heading="Medical review"),
            ObjectList(Page.promote_panels, heading="Promote"),
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
    # Routing loads the hero image with the article (practice.navigation.RoutedPageMixin);
    # its renditions come from Wagtail's rendition cache, keyed by file hash and focal point.
    routing_select_related = ("hero_image",)

    class Meta:
        verbose_name = "article"

    def clean(self):
        super().clean()
        errors = {}
        if self.hero_image_id and not self.hero_alt.strip():
            errors["hero_alt"] = "Describe the hero image for people who cannot see it."
        if self.last_reviewed and not self.reviewed_by_id:
            errors["reviewed_by"] = "Say who reviewed the article, or clear the review date."
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

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # Its related and previous/next links may show any article of the blog.
        return page_cache_until(response, self.get_parent().specific.next_expiry())

    def get_sitemap_urls(self, request=None):
        return [] if has_expired(self) else super().get_sitemap_urls(request)

    def cache_purge_paths(self):
        """Paths besides this page and its ancestors that show this article (practice.signals).

        Its category, tag and author listings, the feeds, and the articles that may list it as
        related or previous/next (those sharing a category or tag, and its neighbours); on a
        publish, also those of the version that was live before (blog.signals notes them),
        so a listing the article has left is purged too.
        """
        paths = self._current_purge_paths()
        return paths + [p for p in getattr(self, "_previous_purge_paths", ()) if p not in paths]

    def _current_purge_paths(self):
        index = self.get_parent().specific
        base = index.url or "/blog/"
        categories = list(self.categories.all())
        tags = list(self.tags.all())
        paths = [base + "feed/rss/", base + "feed/atom/"]
        for category in categories:
            listing = f"{base}category/{category.slug}/"
            paths += [listing, listing + "feed/rss/", listing + "feed/atom/"]
        paths += [f"{base}tag/{tag.slug}/" for tag in tags]
        paths += [f"{base}author/{a.slug}/" for a in self.author_list]
        nearby = BlogPage.objects.sibling_of(self, inclusive=False).filter(
            Q(categories__in=categories) | Q(tags__in=tags)
        )
        neighbours = [self.previous_article(), self.next_article()]
        url_paths = set(nearby.values_list("url_path", flat=True))
        url_paths.update(page.url_path for page in neighbours if page)
        # url_path is the tree path ("/home/blog/x/"); the URL drops the site root's part.
        root = index.url_path[: -len(index.slug) - 1]
        paths += ["/" + url_path[len(root) :] for url_path in url_paths]
        return paths

    @cached_property
    def author_list(self):
        return [item.author for item in self.article_authors.all() if item.author_id]

    @cached_property
    def tag_list(self):
        return [item.tag for item in self.tagged_items.all()]

    def has_faq(self):
        return any(block.block_type == "faq" for block in self.body)

    def siblings(self):
        return not_expired(BlogPage.objects.sibling_of(self, inclusive=False).live().public())

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
        category_ids = [category.pk for category in self.categories.all()]
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
            not_expired(BlogPage.objects.live().public())
            .exclude(pk=self.pk or 0)
            .annotate(shared=shared)
            .filter(shared__gt=0)
            .order_by("-shared", "-date", "-pk")
            .prefetch_related(Prefetch("hero_image", queryset=_images_with_renditions()))[:limit]
        )

    def neighbours(self, fresh=False):
        """Related articles and previous/next, for the article page.

        Which articles they are is cached until any article, tag, view restriction or image
        changes (blog.signals bumps the version); the cards load in one query with their
        hero images, whose renditions come from Wagtail's rendition cache. The cards
        themselves are read fresh so that an article that expires meanwhile (nothing
        changes in the database) is left out, and an edited title shows at once.
        """
        if fresh or self.pk is None:
            return {
                "related_articles": self.related_articles(),
                "previous_article": self.previous_article(),
                "next_article": self.next_article(),
            }
        key = f"blog:neighbours:{neighbours_version()}:{self.pk}"
        ids = cache.get(key)
        if ids is None:
            previous, following = self.previous_article(), self.next_article()
            ids = {
                "related": [a.pk for a in self.related_articles()],
                "previous": previous.pk if previous else None,
                "next": following.pk if following else None,
            }
            cache.set(key, ids, NEIGHBOURS_TIMEOUT)
        wanted = {*ids["related"], ids["previous"], ids["next"]} - {None}
        pages = (
            not_expired(BlogPage.objects.live())
            .defer("body")  # a card never shows it
            .select_related("hero_image")
            .in_bulk(wanted)
            if wanted
            else {}
        )
        return {
            "related_articles": [pages[pk] for pk in ids["related"] if pk in pages],
            "previous_article": pages.get(ids["previous"]),
            "next_article": pages.get(ids["next"]),
        }

    def load_taxonomy(self):
        """Load the live article's authors (with photos), reviewer, categories and tags.

        Cached: an article's own links change only when it is saved or published (the
        neighbours version), an author or category edit starts a new site generation, and a
        tag or image edit bumps the neighbours version (blog.signals).
        """
        taxonomy = cache.get_or_set(
            fragment_key("taxonomy", self.pk), self._build_taxonomy, NEIGHBOURS_TIMEOUT
        )
        for name in TAXONOMY_RELATIONS:
            back_reference = TAXONOMY_BACK_REFERENCES.get(name)
            for item in taxonomy[name] if back_reference else ():
                type(item)._meta.get_field(back_reference).set_cached_value(item, self)
            queryset = getattr(self, name).all()
            queryset._result_cache = list(taxonomy[name])
            queryset._prefetch_done = True
            self.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset
        BlogPage.reviewed_by.field.set_cached_value(self, taxonomy["reviewed_by"])

    def _build_taxonomy(self):
        prefetch_related_objects(
            [self],
            Prefetch(
                "article_authors",
                queryset=BlogPageAuthor.objects.select_related(
                    "author__photo", "author__profile_page"
                ),
            ),
            "categories",
            Prefetch("tagged_items", queryset=BlogPageTag.objects.select_related("tag")),
        )
        taxonomy = {name: list(getattr(self, name).all()) for name in TAXONOMY_RELATIONS}
        # Not a copy of the article in every link: load_taxonomy points them back at it.
        for name, back_reference in TAXONOMY_BACK_REFERENCES.items():
            for item in taxonomy[name]:
                item._state.fields_cache.pop(back_reference, None)
        # The reviewer is usually one of the authors just loaded: no query of its own.
        authors = {link.author_id: link.author for link in taxonomy["article_authors"]}
        reviewer = authors.get(self.reviewed_by_id)
        if reviewer is None and self.reviewed_by_id:
            reviewer = (
                Author.objects.select_related("photo", "profile_page")
                .filter(pk=self.reviewed_by_id)
                .first()
            )
        taxonomy["reviewed_by"] = reviewer
        return taxonomy

    def get_context(self, request, *args, **kwargs):
        from blog import structured_data
        from practice.models import PracticeSettings

        context = super().get_context(request, *args, **kwargs)
        if not getattr(request, "is_preview", False) and self.pk is not None:
            # A preview carries unsaved relations in memory; a live page loads them here.
            self.load_taxonomy()
        settings = PracticeSettings.for_request(request)
        index = self.get_parent().specific
        share_image = structured_data.image_url(
            self.hero_image or settings.default_share_image, request
        )
        context.update(
            index.feed_urls(request),
            blog_index=index,
            canonical_url=request.build_absolute_uri(self.url),
            share_image_url=share_image,
            **self.neighbours(fresh=getattr(request, "is_preview", False)),
            structured_data=structured_data.article_jsonld(self, request, settings, index),
        )
        return context


NEIGHBOURS_VERSION_KEY = "blog:neighbours:version"
NEIGHBOURS_TIMEOUT = 6 * 3600  # a backstop: changes bump the version at once


def neighbours_version():
    version = cache.get(NEIGHBOURS_VERSION_KEY)
    if version is None:
        cache.add(NEIGHBOURS_VERSION_KEY, uuid.uuid4().hex[:12], None)
        version = cache.get(NEIGHBOURS_VERSION_KEY)
    return version


def bump_neighbours_version():
    cache.set(NEIGHBOURS_VERSION_KEY, uuid.uuid4().hex[:12], None)


# What an article page shows of its own links, cached by BlogPage.load_taxonomy.
TAXONOMY_RELATIONS = ("article_authors", "categories", "tagged_items")
TAXONOMY_BACK_REFERENCES = {"article_authors": "page", "tagged_items": "content_object"}


def fragment_key(name, pk):
    """Cache key for part of an article page built from other rows (its authors).

    Both versions are read before the part is built, so a build racing with a change is
    stored under the version that change retires: the neighbours version (articles,
    restrictions, tags, images: blog.signals) and the site generation (authors,
    categories, moves, new slugs, deletions: practice.signals).
    """
    generation, _ = page_cache.versions_for("/")
    return f"blog:{name}:{neighbours_version()}:{generation}:{pk}"


class BlogPageAuthor(Orderable):
    page = ParentalKey(BlogPage, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(
        Author, on_delete=models.CASCADE, related_name="+", help_text="Pick from Authors."
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = "article author"
        constraints = [
            models.UniqueConstraint(fields=["page", "author"], name="blog_author_once_per_page")
        ]
