"""Swedish full-text search over services and requests (PostgreSQL only)."""

from django.db import migrations

from samskapa.core.search import swedish_search_trigger


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0001_initial")]

    operations = [
        swedish_search_trigger(
            "marketplace_service", ["name", "summary", "description", "target_users"]
        ),
        swedish_search_trigger(
            "marketplace_procurementrequest", ["title", "summary", "description"]
        ),
    ]
