"""Create the demo page tree and data. Safe to run repeatedly: existing content is kept."""

from django.core.management.base import BaseCommand
from django.db import transaction

from blog import demo as blog_demo
from consultations import demo as consultations_demo
from offices import demo as offices_demo
from practice import demo, demo_spanish
from practice.roles import ensure_roles
from procedures import demo as procedures_demo


class Command(BaseCommand):
    help = "Load demo content once (idempotent): pages, offices, articles, schedules."

    @transaction.atomic
    def handle(self, *args, **options):
        home = demo.seed_home()
        pages = demo.seed_content_pages(home)
        offices_demo.seed(home)
        blog_demo.seed(home)
        # Before the booking data: publishing a procedure page makes its booking choice.
        procedures_demo.seed(home)
        booking_page = consultations_demo.seed(home)
        demo.seed_settings(home, pages["privacy-policy"], booking_page)
        # Last: the Spanish edition translates the English pages above.
        demo_spanish.seed(home)
        ensure_roles()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
