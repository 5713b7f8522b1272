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
        blog_index = blog_demo.seed(home)
        # Before the booking data: publishing a procedure page makes its booking choice.
        procedures_index = procedures_demo.seed(home)
        booking_page = consultations_demo.seed(home)
        demo.seed_settings(home, pages["privacy-policy"], booking_page)
        demo.seed_accessibility_statement(home)
        # Last: the Spanish edition translates the English pages above.
        home_es, _ = demo_spanish.seed(home)
        # After the procedure pages (and their translations) it shows.
        demo.add_procedures_section(
            home,
            "Procedures",
            "Surgery and non-surgical treatment for the eyes, brow, face and nose.",
        )
        demo.add_procedures_section(
            home_es,
            "Procedimientos",
            "Cirugía y tratamientos sin cirugía para ojos, cejas, rostro y nariz.",
        )
        # The roles include the Medical review workflow on the blog and procedures trees.
        ensure_roles()
        # After the last publish of each page: a review is of the live version.
        for index in blog_index.get_translations(inclusive=True).specific():
            blog_demo.seed_reviews(index)
        for index in procedures_index.get_translations(inclusive=True).specific():
            procedures_demo.seed_reviews(index)
        blog_demo.seed_awaiting_review(blog_index)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
