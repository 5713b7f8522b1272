"""Factories shared by the test suite (factory-boy / wagtail-factories)."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from practice.models import ContentPage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "pw-test-12345")


class ContentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContentPage

    title = factory.Sequence(lambda n: f"Content page {n}")
    intro = "An introduction."
