"""The admin screens for people. The apps above place them in their menus: authors under
Blog, clinicians under Consultations (which adds the procedures each consults on)."""

from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from people.models import Author, Clinician


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "credentials", "role", "is_physician"]
    search_fields = ["name", "role"]


class ClinicianViewSet(ModelViewSet):
    """The clinicians patients book: who they are, in which order."""

    model = Clinician
    icon = "user"
    menu_label = "Clinicians"
    list_display = ["name", "role", "author", "sort_order", "active"]
    list_filter = ["role", "active"]
    ordering = ["sort_order", "name"]
    copy_view_enabled = False
