"""Django's migrate, without the web's statement timeout: a migration may rewrite a large
table, and a cancelled one is worse than a slow one (security.outage)."""

from django.core.management.commands.migrate import Command as MigrateCommand

from security.outage import lift_statement_timeout


class Command(MigrateCommand):
    def handle(self, *args, **options):
        lift_statement_timeout()
        return super().handle(*args, **options)
