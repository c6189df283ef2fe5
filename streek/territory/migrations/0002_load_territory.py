from django.db import migrations


def load(apps, schema_editor):
    from streek.territory.loading import load_territory

    load_territory(lambda name: apps.get_model("territory", name))


class Migration(migrations.Migration):
    dependencies = [("territory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
