"""Staff account screens in the Wagtail admin: two-factor sign-in set-up and the code prompt.

Thin views: the rules live in security.two_factor.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from security import two_factor


class CodeForm(forms.Form):
    code = forms.CharField(
        label="6-digit code from your authenticator app",
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class _CodeView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        self.form = CodeForm(request.POST or None)
        return super().dispatch(request, *args, **kwargs)

    def refused(self, error):
        self.form.add_error("code", str(error))
        return self.render_to_response(self.get_context_data(), status=400)

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


class TwoFactorSettingsView(_CodeView):
    """Turn two-factor sign-in on (scan, then confirm a code) or off (confirm a code)."""

    template_name = "security/admin/two_factor.html"
    page_title = "Two-factor sign-in"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["enabled"] = two_factor.enabled_device(user) is not None
        context["required"] = two_factor.required()
        if not context["enabled"]:
            device = two_factor.pending_device(user)
            context["qr_code"] = two_factor.qr_code_svg(device)
            context["secret"] = two_factor.secret_for_typing(device)
        return context

    def post(self, request):
        if not self.form.is_valid():
            return self.render_to_response(self.get_context_data(), status=400)
        enabled = two_factor.enabled_device(request.user) is not None
        try:
            if enabled:
                two_factor.disable(request, self.form.cleaned_data["code"])
            else:
                two_factor.enable(request, self.form.cleaned_data["code"])
        except two_factor.CodeRefused as error:
            return self.refused(error)
        if enabled:
            messages.success(request, "Two-factor sign-in is off for your account.")
            return redirect("two_factor")
        messages.success(request, "Two-factor sign-in is on: you will be asked for a code.")
        return redirect("wagtailadmin_home")

    def get(self, request):
        return self.render_to_response(self.get_context_data())


class TwoFactorVerifyView(_CodeView):
    """After the password: ask for the current code before anything else."""

    template_name = "security/admin/two_factor_verify.html"
    page_title = "Enter your code"

    def next_url(self):
        target = self.request.POST.get("next") or self.request.GET.get("next", "")
        safe = url_has_allowed_host_and_scheme(
            target, {self.request.get_host()}, self.request.is_secure()
        )
        return target if safe else reverse("wagtailadmin_home")

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.next_url(), **kwargs)

    def get(self, request):
        if not two_factor.needs_code(request):
            return redirect(self.next_url())
        if two_factor.enabled_device(request.user) is None:
            return redirect("two_factor")  # required, but no app set up yet
        return self.render_to_response(self.get_context_data())

    def post(self, request):
        if not self.form.is_valid():
            return self.render_to_response(self.get_context_data(), status=400)
        try:
            two_factor.verify(request, self.form.cleaned_data["code"])
        except two_factor.CodeRefused as error:
            return self.refused(error)
        return redirect(self.next_url())
