"""Reader and editor journeys for the blog in a real browser."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from blog.models import BlogPage
from medical_review.reviews import PHYSICIANS
from practice.roles import CONTENT_EDITORS, ensure_roles
from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.test_staff_journeys import login

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_phone_reader_goes_from_home_to_a_category_and_finds_another_article(site, open_page):
    page = open_page(PHONE)
    page.goto(site + "/")
    first = page.locator(".latest .card__title a").first
    title = first.inner_text()
    first.click()
    assert page.locator("h1").inner_text() == title
    screenshot(page, "journey-article")

    category_link = page.locator(".article__categories a").first
    category = category_link.inner_text()
    category_link.click()
    page.wait_for_url(re.compile(r"/blog/category/"))
    assert category.lower() in page.locator("h1").inner_text().lower()
    assert page.locator(".article-list li").count() >= 1
    screenshot(page, "journey-category")

    # On a phone the menu is a disclosure: open it, then follow Search.
    # Under 480 px the menu button shows only its icon; its name stays for screen readers.
    page.locator("summary", has_text="Menu").click()
    page.get_by_role("link", name="Search").first.click()
    page.fill("input[name=q]", "sun care")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    screenshot(page, "journey-search-results")
    result = page.get_by_role("link", name="Sun care after facial surgery")
    assert result.count() >= 1
    result.first.click()
    assert page.locator("h1").inner_text() == "Sun care after facial surgery"
    # Readable on a phone: the article column fits the viewport without sideways scrolling.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_editor_submits_an_article_with_hero_and_faq_then_readers_see_it_approved(
    site, open_page, django_user_model, settings
):
    # Wagtail 8 autosaves new pages half a second after each change. On a busy machine a
    # Publish click can race an autosave still in flight and post the create form a second
    # time ("slug already in use"). The journey is about publishing, so autosave is off here.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    ensure_roles()
    editor = django_user_model.objects.create_user("writer", "w@example.com", "pw-writer-1")
    editor.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    from blog.models import BlogIndexPage

    index = BlogIndexPage.objects.get(locale__language_code="en")
    page = open_page(DESKTOP)
    login(page, site, "writer", "pw-writer-1")
    page.goto(f"{site}/admin/pages/add/blog/blogpage/{index.pk}/")

    page.fill("#id_title", "Browser-made article on eyelid recovery")
    page.fill("#id_lede", "Written in a real browser by a content editor.")
    # Author: the inline panel starts with one row and a snippet chooser.
    page.get_by_role("button", name=re.compile("Choose (an )?author", re.I)).first.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name=re.compile("Adrian Vale")).first.click()
    expect(page.locator("input[name='article_authors-0-author']")).to_have_value(re.compile(r"\d"))
    # Hero image through the image chooser.
    page.get_by_role("button", name=re.compile("Choose an image", re.I)).first.click()
    page.locator(".modal-dialog a[data-chooser-modal-choice]").first.click()
    expect(page.locator("input[name='hero_image']")).to_have_value(re.compile(r"\d"))
    page.fill("#id_hero_alt", "A calm face after recovery")
    # Body: an FAQ block with one question.
    page.locator("#panel-child-article-body-content button[title='Insert a block']").first.click()
    page.get_by_role("option", name="FAQ").click()
    question = page.locator("input[name^='body-'][name$='-question']").first
    question.fill("How long does swelling last?")
    faq = question.locator("xpath=ancestor::*[@data-contentpath][2]")
    editor_box = faq.locator(".public-DraftEditor-content").first
    editor_box.click()
    expect(editor_box).to_be_focused()  # keys typed before Draftail has focus are lost
    page.keyboard.type("Most swelling settles within two weeks.")
    # Draftail writes the answer into its hidden input as it changes.
    answer = page.locator("input[name^='body-'][name$='-answer']").first
    expect(answer).to_have_value(re.compile("two weeks"))
    screenshot(page, "admin-article-editor")

    # Health content reaches the site only through a physician's approval (medical_review).
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    page.get_by_role("button", name="Submit to Medical review").click()
    # Saving indexes the article for search and references: slow on a busy machine.
    try:
        page.wait_for_url(re.compile(r"/admin/pages/\d+/(edit/)?$"), timeout=90_000)
    except PlaywrightTimeout:
        problems = page.locator(".error-message, .help-critical, [role=alert]").all_inner_texts()
        problems += page.locator("[aria-invalid=true]").evaluate_all("els => els.map(e => e.name)")
        raise AssertionError(f"Submitting did not finish: {problems}") from None
    article = BlogPage.objects.get(title="Browser-made article on eyelid recovery")
    assert not article.live and article.has_faq() and article.hero_image_id
    doctor = django_user_model.objects.create_user("doctor", "d@example.com", "pw-doctor-1")
    doctor.groups.add(Group.objects.get(name=PHYSICIANS))
    state = article.current_workflow_task_state
    state.task.specific.on_action(state, doctor, "approve")
    article.refresh_from_db()
    assert article.live

    visitor = open_page(PHONE)
    visitor.goto(site + "/blog/")
    assert visitor.get_by_role("link", name=article.title).count() == 1
    feed = ET.fromstring(visitor.request.get(site + "/blog/feed/rss/").body())
    titles = [item.findtext("title") for item in feed.iter("item")]
    assert article.title in titles
