"""Medical review in the Wagtail admin: the report, its menu item, the physicians' dashboard
panel, and the Physicians group and workflow that `practice.roles.ensure_roles` sets up."""

from django.urls import reverse
from wagtail import hooks

from medical_review import admin_views, reviews

# Run by ensure_roles (setup_roles, seed_demo): the roles live below this app.
hooks.register("ensure_staff_roles", reviews.ensure_workflow)


@hooks.register("register_admin_urls")
def medical_review_urls():
    return admin_views.urls()


@hooks.register("register_reports_menu_item")
def medical_review_menu_item():
    return admin_views.MedicalReviewMenuItem(
        "Medical review",
        reverse("medical_review_report"),
        name="medical-review",
        icon_name="tasks",
        order=650,
    )


@hooks.register("construct_homepage_panels")
def add_medical_review_panel(request, panels):
    if admin_views.can_view_reviews(request.user):
        panels.append(admin_views.MedicalReviewDuePanel())
