"""The practice's name in each language in the Wagtail admin: a snippet wagtail-localize
translates."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.site_settings import PracticeIdentity


class PracticeIdentityViewSet(SnippetViewSet):
    model = PracticeIdentity
    icon = "title"
    menu_label = "Practice name"
    list_display = ["name", "tagline"]


register_snippet(PracticeIdentityViewSet)
