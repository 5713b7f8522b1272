"""Medical review of health pages: physicians approve them in a Wagtail workflow."""
