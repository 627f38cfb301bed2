"""`pip install .` then `simulator` (issue 12): the built wheel is installed into a fresh environment
and run from a folder far from the checkout, so only what the wheel carries can be found."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from simulator.app import PROJECT_ROOT

pytestmark = pytest.mark.skipif(
    not (PROJECT_ROOT / "pyproject.toml").exists(), reason="needs the checkout to build the wheel from"
)


def _run(command: list[str], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=600, check=False, **kwargs
    )  # type: ignore[call-overload]


def test_the_installed_wheel_runs_the_app_and_the_commands(tmp_path: Path) -> None:
    # Built from a copy, so that the build's own folders never land in the checkout.
    source = tmp_path / "source"
    ignored = shutil.ignore_patterns(".git", ".venv", "mutants", "build", "dist", "*.egg-info", "__pycache__")
    shutil.copytree(PROJECT_ROOT, source, ignore=ignored)
    dist = tmp_path / "dist"
    built = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(source),
        ],
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("*.whl")
    env = tmp_path / "env"
    assert _run([sys.executable, "-m", "venv", "--without-pip", str(env)], cwd=tmp_path).returncode == 0
    installed = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--prefix",
            str(env),
            str(wheel),
        ],
        cwd=tmp_path,
    )
    assert installed.returncode == 0, installed.stderr
    python = env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=tmp_path
        ).stdout.strip()
    )
    # The third-party packages come from this test's own environment; the simulator only from the wheel.
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    away = tmp_path / "elsewhere"
    away.mkdir()
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}

    where = _run(
        [
            str(python),
            "-c",
            "import simulator, simulator.locations as l; print(simulator.__file__); print(l.content_root())",
        ],
        cwd=away,
        env=environment,
    )
    module_file, root = where.stdout.split()
    assert Path(module_file).is_relative_to(env) and Path(root) == env / "share" / "wangdian-kefu-simulator"
    for folder in (
        "catalogue",
        "personas",
        "scenarios",
        "rubrics",
        "assets/products",
        "assets/theme",
        "assets/fonts",
    ):
        assert any((Path(root) / folder).iterdir()), folder

    script = env / ("Scripts/simulator.exe" if os.name == "nt" else "bin/simulator")
    assert script.exists()  # the console script `simulator`, run below with this environment's python
    listed = _run([str(python), str(script), "list"], cwd=away, env=environment)
    assert listed.returncode == 0 and "haggler" in listed.stdout, listed.stderr
    played = _run(
        [str(python), "-m", "simulator.cli.main", "play", "--persona", "haggler"],
        cwd=away, env=environment, input="亲,99已经是活动价了哈\n可以给您包邮哦\n",
    )  # fmt: skip
    assert played.returncode == 0 and "得分 Score" in played.stdout, played.stderr

    window = _run(
        [str(python), "-c", (
            "from simulator.app import build_detector, load_library\n"
            "from simulator.ui.application import create_application, load_theme\n"
            "from simulator.ui.main_window import MainWindow\n"
            "app = create_application(['installed'])\n"
            "library = load_library()\n"
            "window = MainWindow(library, build_detector(library.catalogue))\n"
            "window.show(); app.processEvents()\n"
            "assert load_theme(), 'no theme'\n"
            "assert window.start_page.persona_model.rowCount() == len(library.personas) > 0\n"
            "assert not library.problems, library.problems\n"
            "print('window', window.width(), window.height())\n"
        )],
        cwd=away, env=environment,
    )  # fmt: skip
    assert window.returncode == 0 and "window" in window.stdout, window.stderr

    # `simulator` with no command opens the app: it is still running a few seconds later.
    data = tmp_path / "data"
    app = subprocess.Popen(
        [str(python), str(script)],
        cwd=away,
        env={
            **environment,
            "XDG_DATA_HOME": str(data),
            "XDG_CACHE_HOME": str(data),
            "XDG_CONFIG_HOME": str(data),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Until its database is there (a loaded machine starts slower: up to a minute), and then
        # still running: the window is open, not an error that ended it.
        deadline = time.monotonic() + 60
        while not list(data.rglob("sessions.sqlite3")) and app.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        with pytest.raises(subprocess.TimeoutExpired):
            app.wait(timeout=2)
    finally:
        app.kill()
        _, errors = app.communicate(timeout=30)
    assert "Traceback" not in errors
    assert list(data.rglob("sessions.sqlite3")), "the app opened its database in the user's data folder"
