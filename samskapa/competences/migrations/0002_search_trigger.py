from django.db import migrations

from samskapa.core.search import swedish_search_trigger


class Migration(migrations.Migration):
    dependencies = [
        ("competences", "0001_initial"),
    ]

    operations = [
        swedish_search_trigger(
            "competences_profile", ["title", "offers", "seeks", "other_competences"]
        ),
        swedish_search_trigger("competences_competenceneed", ["title", "description"]),
    ]
