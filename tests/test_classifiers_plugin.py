"""A third-party classifier installed for real (pip, from tests/plugin_pkg/ and its own pyproject)
is found through the `modkit.classifiers` entry points, passes the conformance kit and is used by
the engine and the CLI; a broken plugin beside it is a clear error and leaves the rules alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PLUGIN = Path(__file__).parent / "plugin_pkg"


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plugin installed with pip into a directory of its own (put on PYTHONPATH below)."""
    work = tmp_path_factory.mktemp("plugin")
    source = work / "src"
    shutil.copytree(PLUGIN, source)  # setuptools builds in the source tree: keep the repository clean
    target = work / "site"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check",
         "--target", str(target), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot build the test plugin here (pip needs setuptools from an index): {result.stderr[-500:]}")
    return target


def _run(plugin_path: Path, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin_path), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, *args, "-c", textwrap.dedent(code)] if code else [sys.executable, *args],
                          capture_output=True, text=True, env=env, timeout=300)


def test_an_installed_plugin_is_found_checked_and_used(plugin_path: Path) -> None:
    result = _run(plugin_path, """
        from modkit import Engine
        from modkit.classifiers import available_classifiers, load_classifier
        from modkit.testing import check_classifier

        print(available_classifiers()["acme.shouting.v1"])
        check_classifier(load_classifier("acme.shouting.v1"))
        engine = Engine(detect_language=False, classifiers=["acme.shouting.v1"])
        verdict = engine.moderate("NI PÅ KOMMUNEN BORDE SKÄMMAS RÄTT ORDENTLIGT")
        print([(f.detector, f.category.value, f.score) for f in verdict.findings], verdict.action.value)
        print([(c.name, c.version) for c in engine.provenance.classifiers])
    """)
    assert result.returncode == 0, result.stderr
    origin, findings, provenance = result.stdout.splitlines()
    assert origin == "from acme-modkit-plugin 0.1.0"
    assert findings == "[('acme.shouting.v1', 'insult', 1.0)] review"
    assert provenance == "[('acme.shouting.v1', '0.1.0')]"


def test_a_broken_installed_plugin_is_a_clear_error_and_the_rules_still_work(plugin_path: Path) -> None:
    result = _run(plugin_path, """
        from modkit import Engine
        from modkit.errors import ClassifierError

        print(Engine(detect_language=False).moderate("Din jävla idiot").action.value)
        try:
            Engine(detect_language=False, classifiers=["acme.broken.v1"])
        except ClassifierError as exc:
            print(exc)
            print(type(exc.__cause__).__name__)
    """)
    assert result.returncode == 0, result.stderr
    action, message, cause = result.stdout.splitlines()
    assert action == "remove"
    assert "acme.broken.v1" in message and "from acme-modkit-plugin 0.1.0" in message and "failed to load" in message
    assert cause == "ModuleNotFoundError"


def test_the_cli_runs_an_installed_plugin(plugin_path: Path, tmp_path: Path) -> None:
    result = _run(plugin_path, "", "-m", "modkit", "check", "--classifier", "acme.shouting.v1", "--json", "SKÄMS PÅ ER")
    assert result.returncode == 0, result.stderr
    assert '"detector": "acme.shouting.v1"' in result.stdout
    broken = _run(plugin_path, "", "-m", "modkit", "check", "--classifier", "acme.broken.v1", "hej")
    assert broken.returncode == 2 and "failed to load" in broken.stderr
