from django.db import migrations

from samskapa.core.search import swedish_search_trigger


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0001_initial"),
    ]

    operations = [
        swedish_search_trigger("methods_method", ["title", "summary", "purpose"]),
    ]
