"""Fixtures of the strategy tests: Näringen's strategy with a focus area, a goal and an
indicator."""

import pytest

from samskapa.accounts.models import User
from samskapa.indicators.models import Indicator
from samskapa.indicators.tests.conftest import indicator, today  # noqa: F401 (fixtures)
from samskapa.needs.tests.factories import NeedFactory
from samskapa.projects.models import Project
from samskapa.strategy import services
from samskapa.strategy.models import Strategy


@pytest.fixture
def strategy(naringen: Project, gavle_leader: User, indicator: Indicator) -> Strategy:  # noqa: F811
    strategy = services.strategy_create(
        actor=gavle_leader,
        project=naringen,
        title="Innovationsstrategi för Näringen",
        vision="En stadsdel där det är lätt att leva hållbart.",
    )
    need = NeedFactory(project=naringen, title="Trygga cykelvägar till skolan")
    area = services.focus_area_add(
        actor=gavle_leader, strategy=strategy, title="Hållbar mobilitet", needs=[need]
    )
    services.goal_add(
        actor=gavle_leader,
        focus_area=area,
        title="Sextio procent hållbara resor",
        owner="Samhällsbyggnadsförvaltningen",
        indicators=[indicator],
    )
    return strategy
