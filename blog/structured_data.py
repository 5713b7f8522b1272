"""schema.org JSON-LD for the blog (articles, authors, FAQs, breadcrumbs), built as dicts."""

from django.utils import timezone
from wagtail.rich_text import expand_db_html

from core import navigation
from core.i18n import active_language
from core.structured_data import absolute


def _clean(data):
    return {k: v for k, v in data.items() if v not in (None, "", [])}


SHARE_IMAGE_SPEC = "fill-1200x630|format-jpeg"


def image_url(image, request, spec=SHARE_IMAGE_SPEC):
    if image is None:
        return None
    return absolute(request, image.get_rendition(spec).url)


def author_url(author, index, request):
    if author.profile_page_id and author.profile_page and author.profile_page.live:
        return absolute(request, author.profile_page.url)
    if index is not None:
        return absolute(request, index.url + index.reverse_subpage("author", args=[author.slug]))
    return None


def author_jsonld(author, request, index=None, with_context=False):
    """A Person; a doctor is also an IndividualPhysician, with their medical specialty.

    schema.org's Physician is an organisation (a doctor's office); IndividualPhysician is the
    practitioner. Keeping Person as well makes honorificSuffix and jobTitle valid.
    """
    data = {
        "@type": ["Person", "IndividualPhysician"] if author.is_physician else "Person",
        "name": author.name,
        "honorificSuffix": author.credentials,
        "jobTitle": author.role,
        "description": author.bio,
        "url": author_url(author, index, request),
        "image": image_url(author.photo, request, "fill-400x400|format-jpeg")
        if author.photo_id
        else None,
    }
    if author.is_physician and author.medical_specialty:
        data["medicalSpecialty"] = f"https://schema.org/{author.medical_specialty}"
    if with_context:
        data = {"@context": "https://schema.org", **data}
    return _clean(data)


def publisher_jsonld(settings, request):
    return _clean(
        {
            "@type": "MedicalOrganization",
            "name": settings.practice_name,
            "url": absolute(request, "/"),
            "logo": _clean(
                {
                    "@type": "ImageObject",
                    "url": image_url(settings.default_share_image, request),
                }
            )
            if settings.default_share_image_id
            else None,
        }
    )


def breadcrumbs_jsonld(page, request, extra=(), ancestors=None):
    """BreadcrumbList from the home page to `page`, plus optional (name, url) crumbs.
    `ancestors`: the page's ancestors when the caller has read them already."""
    if ancestors is None:
        ancestors = navigation.ancestors(page)
    trail = [
        ("Home" if ancestor.depth == 2 else ancestor.title, ancestor.get_url(request))
        for ancestor in [*ancestors, page]
    ]
    trail += list(extra)
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute(request, url),
            }
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def faq_jsonld(page):
    questions = [
        {
            "@type": "Question",
            "name": item["question"],
            "acceptedAnswer": {"@type": "Answer", "text": expand_db_html(item["answer"].source)},
        }
        for block in page.body
        if block.block_type == "faq"
        for item in block.value["questions"]
    ]
    if not questions:
        return None
    return {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": questions}


def blog_posting_jsonld(page, request, settings, index=None):
    url = absolute(request, page.url)
    modified = page.last_published_at or page.latest_revision_created_at
    modified = max(timezone.localdate(modified) if modified else page.date, page.date)
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "@id": f"{url}#article",
        "mainEntityOfPage": url,
        "url": url,
        "headline": page.title,
        "inLanguage": active_language(),
        "description": page.get_meta_description(),
        "datePublished": page.date.isoformat(),
        # The editable publication date may be later than the last publish: never before it.
        "dateModified": modified.isoformat(),
        "image": image_url(page.hero_image, request) if page.hero_image_id else None,
        "author": [author_jsonld(author, request, index) for author in page.author_list],
        "publisher": publisher_jsonld(settings, request),
        "keywords": ", ".join(tag.name for tag in page.tag_list),
        "articleSection": [category.name for category in page.category_list],
        "timeRequired": f"PT{page.reading_minutes}M",
    }
    # From the physician's approval of the live version (medical_review).
    review = page.medical_review
    if review:
        if review.reviewer:
            data["reviewedBy"] = author_jsonld(review.reviewer, request, index)
        data["lastReviewed"] = review.reviewed_on.isoformat()
    return _clean(data)


def article_jsonld(page, request, settings, index=None):
    """Every JSON-LD block for an article page, in the order they are rendered."""
    blocks = [
        blog_posting_jsonld(page, request, settings, index),
        breadcrumbs_jsonld(page, request),
    ]
    faq = faq_jsonld(page)
    if faq:
        blocks.append(faq)
    return blocks
