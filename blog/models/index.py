"""The blog index: the article listing, its category, tag and author listings, and feeds."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from django.utils.translation import gettext
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from blog import structured_data
from blog.feeds import ArticlesAtomFeed, ArticlesRssFeed
from blog.models.articles import ArticleIds, BlogPage, not_expired
from blog.models.snippets import Author, BlogCategory
from blog.models.taxonomy import BLOG_FRAGMENTS, BlogPageAuthor
from practice import navigation
from practice.caching import CachedPageMixin, cache_until, cached_value
from practice.medical_review import HoldsHealthPagesMixin
from practice.navigation import RoutedPageMixin
from practice.site_settings import PracticeSettings
from practice.structured_data import absolute

ARTICLES_PER_PAGE = 10


class CachedListing:
    """A listing's articles for Paginator, by id: its count and each page's ids are cached
    under `key` (the blog's version, which any article, index, tag, image or privacy change
    bumps, and the next article expiry, after which an expired article has left), so a render
    runs neither query. `query()` builds the listing's query only when one is missing (Wagtail's
    public() itself reads the view restrictions)."""

    def __init__(self, query, key):
        self.query = query
        self.key = key

    def count(self):
        return cached_value(f"{self.key}:count", lambda: self.query().count())

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("a listing is read a page at a time")
        start, stop = index.start or 0, index.stop

        def build():
            return list(self.query().values_list("pk", flat=True)[start:stop])

        return ArticleIds(cached_value(f"{self.key}:{start}:{stop}", build))


class BlogIndexPage(
    HoldsHealthPagesMixin, CachedPageMixin, RoutablePageMixin, RoutedPageMixin, Page
):
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
    # Routing and the articles' cached parts keep the index under the blog's fragment version.
    fragment_version = BLOG_FRAGMENTS.name

    class Meta:
        verbose_name = "blog index page"

    @classmethod
    def routing_cache_key(cls, parent, slug):
        """Routing caches the blog index (practice.navigation.RoutedPageMixin): it changes
        only when it is saved, published, unpublished, moved or deleted (the blog's fragment
        version) or a slug above it changes (the site generation)."""
        return BLOG_FRAGMENTS.key_for("index", parent.pk, slug)

    def get_cached_paths(self):
        """Every URL the index serves under its own (Wagtail's frontend cache API): purged
        when the index itself changes, and by a site-wide purge of a proxy in front."""
        paths = ["/", "feed/rss/", "feed/atom/"]
        for slug in self.categories_here().values_list("slug", flat=True):
            paths += [f"category/{slug}/", f"category/{slug}/feed/rss/"]
            paths.append(f"category/{slug}/feed/atom/")
        tags = Tag.objects.filter(blog_blogpagetag_items__content_object__in=self.articles())
        paths += [f"tag/{slug}/" for slug in tags.distinct().values_list("slug", flat=True)]
        authors = Author.objects.filter(locale_id=self.locale_id)
        paths += [f"author/{slug}/" for slug in authors.values_list("slug", flat=True)]
        return paths

    def categories_here(self):
        """The categories in this blog's language (each blog lists and links its own)."""
        return BlogCategory.objects.filter(locale_id=self.locale_id)

    def articles(self):
        """Live, public, unexpired articles of this blog, newest first. Their cards
        (blog_tags.article_cards) load hero images only when not cached.

        live() already leaves out drafts and scheduled articles (they are not live until
        go_live_at), whatever their first_published_at.
        """
        return not_expired(BlogPage.objects.child_of(self).live().public()).order_by(
            "-date", "-first_published_at", "-pk"
        )

    def feed_articles(self, category=None):
        """The articles a feed lists: no images; authors and categories."""
        articles = (
            self.articles()
            .prefetch_related(None)
            .prefetch_related(
                "categories",
                Prefetch(
                    "article_authors",
                    queryset=BlogPageAuthor.objects.select_related("author").order_by("sort_order"),
                ),
            )
        )
        return articles.filter(categories=category) if category else articles

    def next_expiry(self):
        """The earliest future expire_at among this blog's live articles, or None.

        The list of expiry times is cached until any article changes (the blog's fragment
        version), so a render does not pay a query for it.
        """

        def build():
            found = BlogPage.objects.child_of(self).live().filter(expire_at__isnull=False)
            return sorted(found.values_list("expire_at", flat=True))

        key = BLOG_FRAGMENTS.key_for("expiries", self.pk)
        now = timezone.now()
        return next((t for t in cached_value(key, build) if t > now), None)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return cache_until(response, self.next_expiry())

    def paginate(self, request, articles):
        # get_page turns junk or out-of-range numbers into the first or last page, never a 500.
        return Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))

    def feed_urls(self, request, category=None):
        base = navigation.page_url(self, request)
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

    def share_image_url(self, image, request):
        """The listings' share image (the site's default) as an absolute URL. Its rendition's
        URL is cached under the blog version, which every image change bumps: Wagtail's own
        lookup costs two cache round trips a render (it stores what it found each time)."""
        if image is None:
            return None
        spec = structured_data.SHARE_IMAGE_SPEC
        key = BLOG_FRAGMENTS.key_for("share-image", image.pk, spec)
        return absolute(request, cached_value(key, lambda: image.get_rendition(spec).url))

    def crumbs_context(self, request, crumbs):
        """Breadcrumbs past this page (name, path) for the visible trail and its JSON-LD."""
        return {
            "breadcrumb_links": navigation.breadcrumb_links(self, request),
            "extra_crumbs": list(crumbs),
            "breadcrumbs_jsonld": structured_data.breadcrumbs_jsonld(self, request, crumbs),
        }

    def _listing(
        self, request, name, articles, title, description, crumbs=(), empty_404=False, **extra
    ):
        """`articles()` builds the listing's query; `name` says which listing it is, for the
        cached count and pages (CachedListing)."""
        key = BLOG_FRAGMENTS.key_for("listing", self.pk, name, self.next_expiry())
        page_obj = self.paginate(request, CachedListing(articles, key))
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
            "share_image_url": self.share_image_url(practice_settings.default_share_image, request),
            "structured_data": [crumbs_context["breadcrumbs_jsonld"]],
            **crumbs_context,
            **self.feed_urls(request, extra.get("category")),
            **extra,
        }
        return self.render(request, context_overrides=context)

    @path("")
    def all_articles(self, request):
        description = self.search_description or strip_tags(self.intro).strip()
        return self._listing(
            request, "all", self.articles, self.seo_title or self.title, description
        )

    @path("category/<slug:slug>/")
    def category(self, request, slug):
        # Cached under the blog version and the site generation (a category edit starts one).
        category = cached_value(
            BLOG_FRAGMENTS.key_for("category", self.pk, slug),
            lambda: self.categories_here().filter(slug=slug).first(),
        )
        if category is None:
            raise Http404("No such category")
        return self._listing(
            request,
            f"category-{category.pk}",
            lambda: self.articles().filter(categories=category),
            category.name,
            category.description
            or gettext("Articles about %(name)s.") % {"name": category.name.lower()},
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
            f"tag-{tag.pk}",
            lambda: self.articles().filter(tags=tag),
            gettext("Articles tagged “%(name)s”") % {"name": tag.name},
            gettext("Articles about %(name)s.") % {"name": tag.name},
            crumbs=[(tag.name, request.path)],
            empty_404=True,
            tag=tag,
        )

    @path("author/<slug:slug>/")
    def author(self, request, slug):
        author = get_object_or_404(
            Author.objects.select_related("photo", "profile_page"),
            slug=slug,
            locale_id=self.locale_id,
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
        return ArticlesRssFeed(self)(request)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        return ArticlesAtomFeed(self)(request)

    @path("category/<slug:slug>/feed/rss/", name="category_feed_rss")
    def category_feed_rss(self, request, slug):
        return ArticlesRssFeed(self, get_object_or_404(self.categories_here(), slug=slug))(request)

    @path("category/<slug:slug>/feed/atom/", name="category_feed_atom")
    def category_feed_atom(self, request, slug):
        return ArticlesAtomFeed(self, get_object_or_404(self.categories_here(), slug=slug))(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Its category links are cached as rendered HTML until an article, a category or
        # the site changes, or the next article expiry passes (it may empty a category).
        context["fragment_key"] = BLOG_FRAGMENTS.page_key(self, request, self.next_expiry())
        # Lazy: queried only when that HTML is not cached (articles() reads the view
        # restrictions as soon as it is called).
        context["categories"] = SimpleLazyObject(
            lambda: list(
                self.categories_here().filter(
                    pk__in=BlogPage.categories.through.objects.filter(
                        blogpage__in=self.articles().order_by()
                    ).values("blogcategory_id")
                )
            )
        )
        return context
