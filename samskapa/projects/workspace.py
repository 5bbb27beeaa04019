"""What the projects app offers the workspace: its part of the site search."""

from django.utils.translation import gettext_lazy as _

from samskapa.core.search import SearchSource
from samskapa.projects.selectors import project_list


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="project",
            heading=_("Projects"),
            empty_text=_("No projects matched."),
            template="projects/includes/search_results.html",
            find=project_list,
            label=_("Project"),
        )
    ]
