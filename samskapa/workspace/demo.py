"""Demo content for ``make run``, built on the actors of the seed texts.

Each app loads its own part; this calls them in the order their data depends on. Running it
twice changes nothing: every app looks each row up by a natural key first.
"""

from django.db import transaction

from samskapa.accounts import demo as accounts
from samskapa.accounts.models import User
from samskapa.assessment import demo as assessment
from samskapa.competences import demo as competences
from samskapa.events import demo as events
from samskapa.ideas import demo as ideas
from samskapa.indicators import demo as indicators
from samskapa.learning import demo as learning
from samskapa.marketplace import demo as marketplace
from samskapa.methods import demo as methods
from samskapa.needs import demo as needs
from samskapa.organisations import demo as organisations
from samskapa.organisations.models import Organisation
from samskapa.portfolio import demo as portfolio
from samskapa.programmes import demo as programmes
from samskapa.projects import demo as projects
from samskapa.projects.models import Project
from samskapa.strategy import demo as strategy


@transaction.atomic
def load_demo_data() -> dict[str, int]:
    """Load every app's demo content; returns how many organisations, projects and people exist."""
    accounts.load_demo()
    organisations.load_demo()
    projects.load_demo()
    needs.load_needs_demo()
    ideas.load_ideas_demo()
    assessment.load_assessment_demo()
    programmes.load_programmes_demo()
    assessment.load_programme_assessment_demo()
    portfolio.load_portfolio_demo()
    projects.load_units_demo()
    methods.load_methods_demo()
    events.load_events_demo()
    indicators.load_indicators_demo()
    strategy.load_strategy_demo()
    learning.load_demo()
    marketplace.load_marketplace_demo()
    competences.load_competences_demo()
    return {
        "organisations": Organisation.objects.count(),
        "projects": Project.objects.count(),
        "users": User.objects.count(),
    }
