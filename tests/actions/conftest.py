"""The action log's tests: the Panel as its reports name it ("the July Panel meeting")."""

import pytest

from tests.factories import BodyFactory


@pytest.fixture
def panel(db):
    return BodyFactory(short_name="Panel")
