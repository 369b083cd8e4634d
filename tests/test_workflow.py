"""The pull-request workflow and the pre-commit hook a network copies: their commands, run here as
GitHub and pre-commit would run them, on a copy of the example network, clean and broken."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "learnaloud.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
BROKEN_RECORD = "content/places/hillfoot/records/2024-03-06-kitchen-table-conversations.md"


def workflow() -> dict[str, Any]:
    loaded = yaml.safe_load(WORKFLOW.read_text())
    assert isinstance(loaded, dict)
    return loaded


def run_steps(job: str) -> list[str]:
    return [step["run"] for step in workflow()["jobs"][job]["steps"] if "run" in step]


@pytest.fixture
def network(tmp_path: Path) -> Path:
    """A network's repository as the workflow checks it out: mkdocs.yml, content/, the theme
    overrides, and the .venv that `make install` made (here, the one `make test` made)."""
    for name in ("mkdocs.yml", "content", "theme_overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    return tmp_path


def run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LEARNALOUD_VISIBILITY"}
    return subprocess.run(shlex.split(command), capture_output=True, text=True, cwd=cwd, env=env, check=False)


def test_the_workflow_checks_and_builds_every_pull_request_and_publishes_main() -> None:
    flow = workflow()
    assert flow[True] == {"pull_request": None, "push": {"branches": ["main"]}}  # YAML 1.1 reads `on` as true
    assert flow["permissions"] == {"contents": "read"}  # a pull request's run can write nothing
    steps = run_steps("check-and-build")
    assert steps == [
        "make install",
        ".venv/bin/learnaloud check --strict --format github",
        ".venv/bin/mkdocs build --strict --site-dir site",
    ]
    publish = flow["jobs"]["publish"]
    assert publish["if"] == "github.event_name == 'push'" and publish["needs"] == "check-and-build"
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}


def test_make_install_is_the_install_step() -> None:
    dry = subprocess.run(["make", "-n", "install"], capture_output=True, text=True, cwd=ROOT, check=False)
    assert dry.returncode == 0, dry.stderr


def test_the_workflows_commands_pass_on_the_example(network: Path) -> None:
    for command in run_steps("check-and-build")[1:]:
        result = run(command, network)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
    assert (network / "site" / "index.html").is_file()


def test_the_workflows_check_annotates_a_broken_record_and_fails(network: Path) -> None:
    record = network / BROKEN_RECORD
    record.write_text(record.read_text().replace("loop: single", "loop: singel"))
    check = run_steps("check-and-build")[1]
    result = run(check, network)
    assert result.returncode == 1
    line = next(n for n, text in enumerate(record.read_text().splitlines(), 1) if text == "loop: singel")
    assert result.stdout.splitlines() == [
        f"::error file={BROKEN_RECORD},line={line},title=Learn Aloud::'singel' is not a valid loop — did you mean 'single'?"
    ]


def test_the_pre_commit_hook_runs_the_check_on_content(network: Path) -> None:
    (hook,) = yaml.safe_load(PRE_COMMIT.read_text())["repos"][0]["hooks"]
    assert hook["files"] == "^content/" and hook["pass_filenames"] is False
    assert run(hook["entry"], network).returncode == 0
    record = network / BROKEN_RECORD
    record.write_text(record.read_text().replace("loop: single", "loop: singel"))
    failed = run(hook["entry"], network)
    assert failed.returncode == 1 and "did you mean 'single'?" in failed.stdout
    assert "--strict" in hook["entry"]  # as strict as the pull request's check
