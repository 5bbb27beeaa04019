from typing import Any

from django.db import migrations, models

from samskapa.geo.reference import municipality_slugs


def fill_slugs(apps: Any, schema_editor: Any) -> None:
    municipality_model = apps.get_model("geo", "Municipality")
    municipalities = list(municipality_model.objects.all())
    slugs = municipality_slugs({row.code: row.name for row in municipalities})
    for municipality in municipalities:
        municipality.slug = slugs[municipality.code]
    municipality_model.objects.bulk_update(municipalities, ["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("geo", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="municipality",
            name="slug",
            field=models.SlugField(
                db_index=False, default="", max_length=100, verbose_name="address name"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="municipality",
            name="slug",
            field=models.SlugField(max_length=100, unique=True, verbose_name="address name"),
        ),
    ]
