"""The layers of docs/architecture.md hold: import-linter's contracts (pyproject.toml)."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings


def lint_imports():
    command = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(command) if command.exists() else shutil.which("lint-imports"), "--no-cache"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_imports_follow_the_layers_and_the_arrows_between_apps():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    # Every contract of pyproject.toml was checked (each app adds its own).
    contracts = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())
    count = len(contracts["tool"]["importlinter"]["contracts"])
    assert count >= 6
    assert f"{count} kept" in result.stdout
