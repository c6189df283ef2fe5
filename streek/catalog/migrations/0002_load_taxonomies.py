from django.db import migrations


def load(apps, schema_editor):
    from streek.catalog.taxonomy_loading import load_taxonomies

    load_taxonomies(lambda name: apps.get_model("catalog", name))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
