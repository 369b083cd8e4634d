from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, Build, build_site


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The example network, built once for the whole session as a public site."""
    out: Path = tmp_path_factory.mktemp("example") / "site"
    build = build_site(EXAMPLE, out)
    assert build.returncode == 0, build.output
    return build
