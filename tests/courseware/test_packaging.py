"""A wheel of the project serves the site: the templates, static files, lessons and migrations are
package data, so `pip install .` works without the checkout (not only an editable install).

The wheel is built from a copy of the sources (pip with the registry for the build backend),
installed without dependencies in a fresh virtual environment that borrows this environment's
dependencies through a .pth file, and run from a folder outside the checkout.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "README.md", "grader", "assignments", "courseware")

pytestmark = pytest.mark.slow


def _run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{' '.join(args)}\n{result.stdout}\n{result.stderr}"
    return result


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, deadline: float) -> tuple[int, str]:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_a_wheel_install_serves_the_login_page(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path / "dist"), str(source),
         cwd=tmp_path)
    (wheel,) = (tmp_path / "dist").glob("klantreislab-*.whl")

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", str(venv), cwd=tmp_path)
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index",
         str(wheel), cwd=tmp_path)
    purelib = Path(_run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                        cwd=tmp_path).stdout.strip())
    # The dependencies (Flask and the rest) from this environment; a plain path, so the editable
    # install of the checkout that this environment has is not activated.
    (purelib / "_klantreislab_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "FLASK_", "VIRTUAL_ENV"))}
    env.update(SECRET_KEY="wheel-test-" + os.urandom(8).hex(), DATABASE_URL=f"sqlite:///{tmp_path / 'site.db'}",
               INSECURE_COOKIES="1")
    where = _run(str(python), "-c", "import courseware; print(courseware.__file__)", cwd=elsewhere, env=env)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout

    _run(str(python), "-m", "flask", "--app", "courseware", "db", "upgrade", cwd=elsewhere, env=env)
    port = _free_port()
    server = subprocess.Popen(
        [str(python), "-m", "flask", "--app", "courseware", "run", "--port", str(port)],
        cwd=elsewhere, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        status, page = _get(f"http://127.0.0.1:{port}/inloggen", time.monotonic() + 60)
        assert status == 200
        assert "<h1>Inloggen</h1>" in page
        css_status, css = _get(f"http://127.0.0.1:{port}/static/css/site.css", time.monotonic() + 10)
        assert css_status == 200 and css
    finally:
        server.terminate()
        server.wait(timeout=30)
