"""The layers of docs/architecture.md hold: import-linter's contracts (pyproject.toml)."""

import shutil
import subprocess
import sys
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
    assert "9 kept" in result.stdout
