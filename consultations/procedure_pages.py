"""The booking form's procedures follow the procedure pages: publishing a page creates or
links its booking entry (consultations.Procedure) and gives it the page's title.

Only the default language's pages have entries: a translation is the same procedure (the
booking form shows its title on the translated site: consultations.forms)."""

from django.conf import settings
from django.db import transaction

from consultations.models import Procedure

NAME_LENGTH = 80


@transaction.atomic
def link_procedure_page(page):
    """The booking entry for `page`: its own, else an unlinked entry of the same name (a
    procedure bookings named before the pages existed), else a new one."""
    procedure = Procedure.objects.select_for_update().filter(page=page).first()
    if procedure is None:
        procedure = (
            Procedure.objects.select_for_update()
            .filter(page__isnull=True, name__iexact=page.title)
            .first()
        ) or Procedure(page=page, sort_order=0)
    procedure.page = page
    # Names are unique: if another entry keeps this title for the bookings that chose it,
    # ours keeps its own name (a new one is told apart by the page's id).
    taken = Procedure.objects.filter(name__iexact=page.title).exclude(pk=procedure.pk).exists()
    if not taken:
        procedure.name = page.title[:NAME_LENGTH]
    elif procedure.pk is None:
        procedure.name = f"{page.title} ({page.pk})"[-NAME_LENGTH:]
    procedure.save()
    return procedure


def page_published(sender, instance, **kwargs):
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        link_procedure_page(instance)
