"""The blog index: the article listing, its category, tag and author listings, and feeds."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
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
from blog.models.articles import BlogPage, for_cards, not_expired
from blog.models.snippets import BlogCategory
from blog.models.taxonomy import BlogPageAuthor
from core import navigation
from core.site_settings import PracticeSettings
from medical_review.reviews import HoldsHealthPagesMixin
from people.models import Author

ARTICLES_PER_PAGE = 10


class BlogIndexPage(HoldsHealthPagesMixin, RoutablePageMixin, Page):
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

    def categories_here(self):
        """The categories in this blog's language (each blog lists and links its own)."""
        return BlogCategory.objects.filter(locale_id=self.locale_id)

    def articles(self):
        """Live, public, unexpired articles of this blog, newest first, with what their
        cards show (hero images and their renditions: two queries however many).

        live() already leaves out drafts and scheduled articles (they are not live until
        go_live_at), whatever their first_published_at.
        """
        articles = not_expired(BlogPage.objects.child_of(self).live().public())
        return for_cards(articles).order_by("-date", "-first_published_at", "-pk")

    def feed_articles(self, category=None):
        """The articles a feed lists: no images; authors and categories."""
        articles = (
            self.articles()
            .select_related(None)
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

    def paginate(self, request, articles):
        # get_page turns junk or out-of-range numbers into the first or last page, never a 500.
        return Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))

    def feed_urls(self, request, category=None):
        base = self.get_url(request)
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
        """The listings' share image (the site's default) as an absolute URL."""
        return structured_data.image_url(image, request) if image is not None else None

    def crumbs_context(self, request, crumbs):
        """Breadcrumbs past this page (name, path) for the visible trail and its JSON-LD."""
        links = navigation.breadcrumb_links(self, request)
        ancestors = [ancestor for ancestor, _url in links["ancestors"]]  # one read for both
        return {
            "breadcrumb_links": links,
            "extra_crumbs": list(crumbs),
            "breadcrumbs_jsonld": structured_data.breadcrumbs_jsonld(
                self, request, crumbs, ancestors=ancestors
            ),
        }

    def _listing(self, request, articles, title, description, crumbs=(), empty_404=False, **extra):
        """A page of `articles` (a query) with the listing's title, description and crumbs.
        Only what the head needs is read here; the listing's fragment reads its category
        menu and breadcrumbs (blog_tags.listing_breadcrumbs) when it is rendered."""
        page_obj = self.paginate(request, articles)
        if empty_404 and page_obj.paginator.count == 0:
            raise Http404("Nothing is listed here")
        canonical = request.build_absolute_uri(request.path)
        if page_obj.number > 1:
            canonical += f"?page={page_obj.number}"
        practice_settings = PracticeSettings.for_request(request)
        context = {
            "articles": page_obj,
            "listing_title": title,
            "listing_description": description,
            "canonical_url": canonical,
            "share_image_url": self.share_image_url(practice_settings.default_share_image, request),
            "extra_crumbs": list(crumbs),
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
        category = self.categories_here().filter(slug=slug).first()
        if category is None:
            raise Http404("No such category")
        return self._listing(
            request,
            self.articles().filter(categories=category),
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
            self.articles().filter(tags=tag),
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

    def category_menu(self):
        """The category menu: the categories of this blog with an article to list."""
        return list(
            self.categories_here().filter(
                pk__in=BlogPage.categories.through.objects.filter(
                    blogpage__in=self.articles().order_by()
                ).values("blogcategory_id")
            )
        )
