"""The commit-msg hook keeps commit subjects within 72 characters (docs/conventions.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HOOK = Path(__file__).resolve().parents[1] / ".githooks" / "commit-msg"


@pytest.mark.parametrize(
    ("subject", "accepted"),
    [
        ("registry: a short subject", True),
        ("x" * 72, True),
        ("x" * 73, False),
        ("taxonomy: sektorord på svensk, dansk, tysk, nederlandsk og finsk, æøå" + "å" * 2, True),
    ],
)
def test_the_hook_refuses_subjects_over_72_characters(tmp_path, subject, accepted):
    message = tmp_path / "MSG"
    message.write_text(subject + "\n\n" + "A body line may be as long as it needs to be. " * 3)
    command = [sys.executable, str(HOOK), str(message)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert (result.returncode == 0) is accepted, result.stderr
    if not accepted:
        assert "72" in result.stderr


def test_setup_points_git_at_the_hooks():
    setup = (HOOK.parents[1] / "scripts" / "setup").read_text()
    assert "core.hooksPath .githooks" in setup
