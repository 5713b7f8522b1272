"""Print JSON naming the benchmark's target URLs (used by `make bench`)."""

import json

from django.core.management.base import BaseCommand
from django.templatetags.static import static

from bench import dataset
from blog.models import BlogCategory, BlogIndexPage, BlogPage
from offices.models import OfficeIndexPage, OfficePage


class Command(BaseCommand):
    help = "Print the benchmark targets as JSON."

    def handle(self, *args, **options):
        index = BlogIndexPage.objects.get(locale__language_code="en")
        article = BlogPage.objects.live().filter(slug=f"{dataset.SLUG_PREFIX}0100").first()
        article = article or BlogPage.objects.live().first()
        category = BlogCategory.objects.filter(slug="bench-category-0").first()
        category = category or BlogCategory.objects.first()
        office = OfficePage.objects.get(locale__language_code="en", slug="santa-monica")
        self.stdout.write(
            json.dumps(
                {
                    "blog_index": index.url,
                    "article": article.url,
                    "category": f"{index.url}category/{category.slug}/",
                    "offices_index": OfficeIndexPage.objects.get(locale__language_code="en").url,
                    "office": office.url,
                    "booking_times": f"/book/times/?mode=in_person&office={office.pk}",
                    "css": static("css/site.css"),
                    "volume": dataset.volume(),
                }
            )
        )
