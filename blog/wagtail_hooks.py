"""Admin registration: authors (people.Author) and categories as snippets under one Blog
menu."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from blog.models import BlogCategory
from people.viewsets import AuthorViewSet


class BlogCategoryViewSet(SnippetViewSet):
    model = BlogCategory
    icon = "tag"
    list_display = ["name", "slug"]


class BlogSnippetGroup(SnippetViewSetGroup):
    menu_label = "Blog"
    menu_icon = "doc-full"
    menu_order = 250
    items = (AuthorViewSet, BlogCategoryViewSet)


register_snippet(BlogSnippetGroup)
