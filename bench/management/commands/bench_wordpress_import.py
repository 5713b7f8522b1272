"""Time the WordPress import at volume (not part of the test suite): generate an export of
1,000 posts with 2,000 images (a featured and a body image each, small JPEGs drawn with Pillow)
in a temporary folder, import it, import it again (everything unchanged), and print the wall
time and peak memory of each run as JSON (also written to var/bench/wordpress-import.json).

Needs a seeded site (`manage.py seed_demo`) on the configured database; it adds the posts
there. docs/wordpress-import.md records the latest figures."""

import io
import json
import resource
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image

from practice.wordpress.importer import Importer

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench Journal</title><link>https://bench-old.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://bench-old.example</wp:base_site_url>
<wp:base_blog_url>https://bench-old.example</wp:base_blog_url>
<wp:author><wp:author_login>bench-writer</wp:author_login>
<wp:author_display_name>Bench Writer</wp:author_display_name></wp:author>
"""
CATEGORIES = ["recovery", "eyelids", "skin", "nose", "lifts"]
TAGS = [f"topic-{n}" for n in range(20)]


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def attachment(item_id, path, alt):
    return f"""<item><title>{escape(Path(path).stem)}</title><wp:post_id>{item_id}</wp:post_id>
<wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>
<wp:attachment_url>https://bench-old.example/wp-content/uploads/{path}</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>{path}</wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>{escape(alt)}</wp:meta_value></wp:postmeta>
</item>
"""


def post(n, hero_id, body_path):
    slug = f"bench-wp-post-{n:04d}"
    month = n % 12 + 1
    previous = f"https://bench-old.example/2023/{(n - 1) % 12 + 1:02d}/bench-wp-post-{n - 1:04d}/"
    body = (
        f"Paragraph one of post {n}, about recovery and rest.\nA second line.\n\n"
        f"<h2>Section {n}</h2>\nMore words on swelling, sleep and walks. "
        f'See <a href="{previous}">the previous post</a>.\n\n'
        f'[caption id="attachment_x" width="300"]<img src="https://bench-old.example/wp-content/'
        f'uploads/{body_path}" alt="Body image {n}" width="300" height="200"> Caption {n}.'
        "[/caption]\n\n<ul>\n<li>Rest</li>\n<li>Walk</li>\n</ul>\n\n"
        + "\n\n".join(f"Filler paragraph {k} of post {n}, plain text." for k in range(6))
    )
    category = CATEGORIES[n % len(CATEGORIES)]
    tags = "".join(
        f'<category domain="post_tag" nicename="{t}">{t}</category>'
        for t in (TAGS[n % 20], TAGS[(n * 7) % 20])
    )
    return f"""<item><title>Bench post {n}</title>
<link>https://bench-old.example/2023/{month:02d}/{slug}/</link>
<dc:creator>bench-writer</dc:creator><guid isPermaLink="false">https://bench-old.example/?p={n}</guid>
<content:encoded>{cdata(body)}</content:encoded>
<excerpt:encoded>{cdata(f"Summary of post {n}.")}</excerpt:encoded><wp:post_id>{n}</wp:post_id>
<wp:post_date_gmt>2023-{month:02d}-{n % 28 + 1:02d} 10:00:00</wp:post_date_gmt>
<wp:post_name>{slug}</wp:post_name><wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent>
<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
<category domain="category" nicename="{category}">{category.title()}</category>{tags}
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>{hero_id}</wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_yoast_wpseo_metadesc</wp:meta_key>
<wp:meta_value>Post {n} for the bench.</wp:meta_value></wp:postmeta>
</item>
"""


def jpeg(n):
    buffer = io.BytesIO()
    colour = (n * 37 % 256, n * 91 % 256, n * 53 % 256)
    Image.new("RGB", (120, 80), colour).save(buffer, format="JPEG", quality=70)
    return buffer.getvalue()


def generate(folder, numbers):
    """Write export.xml and uploads/ for the posts numbered `numbers`, two images each."""
    uploads = folder / "uploads"
    parts = [HEADER]
    parts += [
        f"<wp:category><wp:term_id>{i + 1}</wp:term_id><wp:category_nicename>{c}"
        f"</wp:category_nicename><wp:cat_name>{c.title()}</wp:cat_name></wp:category>\n"
        for i, c in enumerate(CATEGORIES)
    ]
    for n in numbers:
        hero_id = 100_000 + n
        hero_path, body_path = f"2023/bench/hero-{n:04d}.jpg", f"2023/bench/body-{n:04d}.jpg"
        for index, path in enumerate((hero_path, body_path)):
            (uploads / path).parent.mkdir(parents=True, exist_ok=True)
            (uploads / path).write_bytes(jpeg(n * 2 + index))
        parts.append(attachment(hero_id, hero_path, f"Hero image of post {n}"))
        parts.append(post(n, hero_id, body_path))
    parts.append("</channel></rss>\n")
    export = folder / "export.xml"
    export.write_text("".join(parts))
    return export, uploads


def peak_rss_mib():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class Command(BaseCommand):
    help = "Time the WordPress import of a generated 1,000-post, 2,000-image export."

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=1000)
        parser.add_argument(
            "--first", type=int, default=1, help="The first post id (a fresh range imports anew)."
        )

    def handle(self, *args, posts, first, **options):
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            export, uploads = generate(Path(tmp), range(first, first + posts))
            results = {
                "posts": posts,
                "images": posts * 2,
                "export_mib": round(export.stat().st_size / 2**20, 1),
                "generate_s": round(time.perf_counter() - started, 1),
                "rss_before_mib": peak_rss_mib(),
                "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
            }
            for run in ("first_import", "second_import"):
                started = time.perf_counter()
                report = Importer(
                    export, uploads, progress=lambda d, t: self.stderr.write(f"  {d}/{t}")
                ).run()
                counts = report.as_dict()["counts"]
                results[run] = {
                    "seconds": round(time.perf_counter() - started, 1),
                    "peak_rss_mib": peak_rss_mib(),
                    "articles": counts.get("article"),
                    "images": counts.get("image"),
                    "redirects": counts.get("redirect"),
                    "errors": len(report.errors),
                }
        out = settings.BASE_DIR / "var" / "bench"
        out.mkdir(parents=True, exist_ok=True)
        (out / "wordpress-import.json").write_text(json.dumps(results, indent=2) + "\n")
        self.stdout.write(json.dumps(results, indent=2))
