"""Demo content for the site-wide pages. Every function here is idempotent."""

import datetime

from wagtail.models import Locale, Page, Site

from core.demo_helpers import child_by_slug, publish_child
from core.demo_images import demo_image
from core.site_settings import PracticeIdentity, PracticeSettings
from practice.models import AccessibilityStatementPage, ContentPage, HomePage


def seed_home():
    """Create the home page and point the default site at it (replacing Wagtail's welcome page)."""
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    # Wagtail's initial migration leaves a placeholder page and a site pointing at it.
    for placeholder in root.get_children().exact_type(Page):
        Site.objects.filter(root_page=placeholder).delete()
        placeholder.delete()
    root.refresh_from_db()
    home = HomePage(
        title="Home",
        slug="home",
        seo_title="Facial plastic surgery in Beverly Hills and Santa Monica",
        search_description=(
            "Facial plastic surgery and non-surgical treatments for the eyes, brow, face and "
            "nose, with offices in Beverly Hills and Santa Monica."
        ),
        hero_heading="Natural results for the face you already have",
        hero_intro=(
            "Facial plastic surgery and careful non-surgical treatment, planned around how you "
            "move, speak and smile. Consultations in Beverly Hills, Santa Monica or by video."
        ),
        hero_image=demo_image("Consultation room", "A calm, sunlit consultation room", seed=1),
        body=[
            {
                "type": "featured",
                "value": {
                    "heading": "How we work",
                    "cards": [
                        {
                            "title": "Listen first",
                            "text": "Your first visit is a conversation: what bothers you, what "
                            "you want to keep, and what recovery time fits your life.",
                            "page": None,
                            "image": None,
                        },
                        {
                            "title": "Plan for movement",
                            "text": "Faces are seen in motion. We study expression, not only "
                            "photographs, so results look right when you laugh or frown.",
                            "page": None,
                            "image": None,
                        },
                        {
                            "title": "Stay with you",
                            "text": "Follow-up visits are part of every plan, and the same team "
                            "sees you from consultation to full recovery.",
                            "page": None,
                            "image": None,
                        },
                    ],
                },
            },
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Ready to talk it through?",
                    "text": "Pick a time that suits you at either office or by video. "
                    "It takes about a minute.",
                    "button_label": "Book a consultation",
                    "page": None,
                },
            },
        ],
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Practice"
    )
    return home


ABOUT_BODY = [
    {"type": "heading", "value": {"text": "A small practice by design", "level": "h2"}},
    {
        "type": "paragraph",
        "value": "<p>We keep our patient list small so that every consultation has time in it. "
        "The surgeon you meet at your first visit is the surgeon who plans and performs your "
        "procedure, and our nurse injector works in the same rooms, so surgical and "
        "non-surgical options are weighed side by side.</p>",
    },
    {"type": "heading", "value": {"text": "What to expect at a consultation", "level": "h2"}},
    {
        "type": "paragraph",
        "value": "<p>A consultation lasts about forty-five minutes. We ask about your health, "
        "look at how your face moves, take standardised photographs with your permission, and "
        "talk through options including doing nothing at all. You leave with a written plan "
        "and a clear estimate; there is no pressure to decide on the day.</p>",
    },
    {
        "type": "quote",
        "value": {
            "quote": "The best compliment a patient can hear is that they look well rested, "
            "not that they look different.",
            "attribution": "Our surgical team",
        },
    },
    {
        "type": "call_to_action",
        "value": {
            "heading": "Meet us in person or by video",
            "text": "Choose the office that suits you, or start with a video call.",
            "button_label": "Book a consultation",
            "page": None,
        },
    },
]

PRIVACY_BODY = [
    {"type": "heading", "value": {"text": "What we collect when you book", "level": "h2"}},
    {
        "type": "paragraph",
        "value": "<p>When you request a consultation we store your name, email address, phone "
        "number, the treatments you are interested in, your preferred contact method and any "
        "message you write. We use this only to arrange and prepare for your consultation.</p>",
    },
    {"type": "heading", "value": {"text": "Who can see it", "level": "h2"}},
    {
        "type": "paragraph",
        "value": "<p>Only our front-desk team and clinicians can see booking requests. Every "
        "time a staff member opens or exports a request, that access is recorded. Our emails "
        "to you contain the date, time and place of your visit, never the treatments you "
        "mentioned or your message.</p>",
    },
    {"type": "heading", "value": {"text": "How long we keep it", "level": "h2"}},
    {
        "type": "paragraph",
        "value": "<p>Booking requests are deleted or anonymised after the retention period set "
        "by the practice (24 months after the appointment unless we tell you otherwise). "
        "Medical records created at your visit are kept separately, as the law requires.</p>",
    },
    {"type": "heading", "value": {"text": "Your choices", "level": "h2"}},
    {
        "type": "paragraph",
        "value": "<p>You can cancel or change a booking at any time from the link in your "
        "confirmation email. Marketing emails are sent only if you opt in, and every one has "
        "an unsubscribe link. To see, correct or delete what we hold about you, call or email "
        "either office.</p>",
    },
]


def seed_content_pages(home):
    pages = {}
    specs = [
        (
            "about",
            "About the practice",
            "Who we are, how we work, and what happens at your first visit.",
            ABOUT_BODY,
            True,
        ),
        (
            "privacy-policy",
            "Privacy policy",
            "How we handle the personal information you share with us.",
            PRIVACY_BODY,
            False,
        ),
    ]
    for slug, title, intro, body, in_menu in specs:
        page = child_by_slug(home, slug)
        if page is None:
            page = publish_child(
                home,
                ContentPage(
                    title=title,
                    slug=slug,
                    intro=intro,
                    body=body,
                    show_in_menus=in_menu,
                    search_description=intro,
                ),
            )
        pages[slug] = page
    return pages


def seed_identity():
    """The practice's name and tagline in the default language (demo_spanish translates it)."""
    locale = Locale.get_default()
    existing = PracticeIdentity.objects.filter(locale=locale).first()
    if existing is not None:
        return existing
    return PracticeIdentity.objects.create(
        locale=locale,
        name="Wilshire Facial Plastic Surgery",
        tagline="Facial plastic surgery in Beverly Hills and Santa Monica",
    )


def seed_settings(home, privacy_page, booking_page):
    seed_identity()
    site = Site.objects.get(root_page=home)
    settings = PracticeSettings.for_site(site)
    if settings.pk and settings.booking_page_id:
        return settings
    settings.main_phone = "+13105550100"
    settings.email = "hello@example.com"
    settings.instagram_url = "https://instagram.com/example"
    settings.privacy_policy_page = privacy_page
    settings.booking_page = booking_page
    settings.default_share_image = home.hero_image
    settings.save()
    return settings


def add_procedures_section(home, heading, intro):
    """Put the procedures section on `home` (after its first block) unless it has one."""
    # Fresh from the database: the tree fields of an object created earlier in this run
    # (numchild before its children were added) would be saved back with the revision.
    home = HomePage.objects.get(pk=home.pk)
    if any(block.block_type == "procedures" for block in home.body):
        return home
    section = {
        "type": "procedures",
        "value": {"heading": heading, "intro": intro, "procedures": [], "show_gallery_link": True},
    }
    raw = list(home.body.raw_data)
    home.body = [*raw[:1], section, *raw[1:]]
    home.save_revision().publish()
    return home


STATEMENT = {
    "title": "Accessibility",
    "slug": "accessibility",
    "intro": "Everyone should be able to read about a procedure, see results and book a "
    "consultation here, whatever device, software or senses they use. This statement says "
    "how far the site meets that, and how to tell us where it does not.",
    "search_description": "How this website is built and tested for accessibility, what is "
    "not yet right, and how to report a barrier.",
    "standard": "WCAG 2.2 level AA",
    "conformance": "partial",
    "how_tested": "<ul><li>Every release runs automated accessibility scans (axe-core) on "
    "every kind of public page, in English and Spanish, on a phone-sized and a desktop "
    "screen, including forms with errors and the opened before/after photos.</li>"
    "<li>Lighthouse checks each page type for accessibility, with a target of 100.</li>"
    "<li>Before each larger change, a member of the team goes through booking a "
    "consultation with the keyboard alone, and with a screen reader (NVDA on Windows, "
    "VoiceOver on iPhone).</li><li>We review this statement at least once a year.</li></ul>",
    "known_limitations": "<ul><li>Some older articles have images whose descriptions are "
    "short; we are rewriting them, oldest first.</li><li>The before/after photos are "
    "described in words, but a description cannot show a result as fully as a photo: ask us "
    "and a clinician will talk you through any case by phone.</li><li>Consent and medical "
    "history forms we send as PDF files before a visit are not yet tagged for screen "
    "readers; we fill them in with you by phone or at the visit instead.</li></ul>",
    "compatibility": "<p>The site is plain HTML and CSS and works without JavaScript, which "
    "only adds small conveniences. We check it in current Chrome, Firefox, Safari and Edge, "
    "with zoom up to 400 percent, and with the screen readers named above.</p>",
    "other_formats": "<p>We can read any form or page to you by phone, send it in large "
    "print, and arrange an interpreter, including American Sign Language, for your visit at "
    "no cost to you.</p>",
    "response_days": 2,
    "complaints": "<p>If we did not resolve a problem to your satisfaction, you can write to "
    "the practice manager at either office. You can also file a complaint with the Office "
    "for Civil Rights of the US Department of Health and Human Services.</p>",
}


def seed_accessibility_statement(home):
    """The accessibility statement, linked from the footer (through the site's settings)."""
    page = child_by_slug(home, STATEMENT["slug"])
    if page is None:
        page = publish_child(
            home,
            AccessibilityStatementPage(
                **STATEMENT, last_reviewed=datetime.date(2026, 12, 1), show_in_menus=False
            ),
        )
    settings = PracticeSettings.for_site(Site.objects.get(root_page=home))
    if settings.accessibility_statement_page_id is None:
        settings.accessibility_statement_page = page
        settings.save()
    return page
