"""Two-factor sign-in in the Wagtail admin: its screens, the account menu entry and the
audit log's wording for turning it on and off."""

from django.urls import path, reverse
from wagtail import hooks

from security import two_factor
from security.admin_views import TwoFactorSettingsView, TwoFactorVerifyView


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/", TwoFactorSettingsView.as_view(), name="two_factor"),
        path("two-factor/verify/", TwoFactorVerifyView.as_view(), name="two_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    on = two_factor.enabled_device(request.user) is not None
    return {
        "url": reverse("two_factor"),
        "label": "Two-factor sign-in: " + ("on" if on else "off"),
        "help_text": "A code from an authenticator app after your password.",
    }


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(two_factor.ENABLED, "Two-factor on", "Turned on two-factor sign-in")
    actions.register_action(two_factor.DISABLED, "Two-factor off", "Two-factor sign-in removed")
