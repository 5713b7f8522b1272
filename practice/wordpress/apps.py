from django.apps import AppConfig


class WordPressImportConfig(AppConfig):
    name = "practice.wordpress"
    label = "wordpress"
    verbose_name = "WordPress import"
