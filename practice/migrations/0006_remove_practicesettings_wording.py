from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("practice", "0005_practice_identity_from_settings")]

    # Backwards, the columns come back with their old defaults; 0005 then fills them in
    # from the default language's name and tagline.
    operations = [
        migrations.RemoveField(model_name="practicesettings", name="practice_name"),
        migrations.RemoveField(model_name="practicesettings", name="tagline"),
    ]
