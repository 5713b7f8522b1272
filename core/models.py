"""The core's models: the site settings and the practice's name (core.site_settings)."""

from core.site_settings import PracticeIdentity, PracticeSettings

__all__ = ["PracticeIdentity", "PracticeSettings"]
