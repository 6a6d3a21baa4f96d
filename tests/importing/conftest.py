"""The importer's tests read the Panel's own papers, so their Panel is the LLR Panel."""

import pytest

from tests.importing import make_panel


@pytest.fixture
def panel(db):
    return make_panel()
