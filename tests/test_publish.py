"""Publishing: `mkdocs gh-deploy` to a local bare repository, and the GitHub Pages workflow."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
BIN = Path(sys.executable).parent
IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "site", "out", "build", ".pytest_cache", "__pycache__", "*.egg-info", ".dossier",
    ".hypothesis",
)


def _git(*args: str, cwd: Path) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "dossier tests",
        "GIT_AUTHOR_EMAIL": "tests@example.invalid",
        "GIT_COMMITTER_NAME": "dossier tests",
        "GIT_COMMITTER_EMAIL": "tests@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(cwd),
    }
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"git {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def deployed(tmp_path_factory) -> tuple[Path, list[str]]:
    """A copy of the project whose `origin` is a local bare repository, after gh-deploy."""
    base = tmp_path_factory.mktemp("publish")
    project, origin = base / "project", base / "origin.git"
    shutil.copytree(ROOT, project, ignore=IGNORE)
    _git("init", "--quiet", "--bare", str(origin), cwd=base)
    _git("init", "--quiet", "-b", "main", cwd=project)
    _git("add", "-A", cwd=project)
    _git("commit", "--quiet", "-m", "dossier", cwd=project)
    _git("remote", "add", "origin", str(origin), cwd=project)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "dossier tests",
        "GIT_AUTHOR_EMAIL": "tests@example.invalid",
        "GIT_COMMITTER_NAME": "dossier tests",
        "GIT_COMMITTER_EMAIL": "tests@example.invalid",
        "HOME": str(base),
    }
    done = subprocess.run(
        [str(BIN / "mkdocs"), "gh-deploy", "--force", "--no-history", "--message", "Deploy {sha}"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    files = _git("ls-tree", "-r", "--name-only", "gh-pages", cwd=origin).split()
    return project, files


@pytest.mark.slow
def test_gh_deploy_publishes_the_site_and_the_pdf(deployed):
    _, files = deployed
    for name in ("index.html", ".nojekyll", "404.html", "briefing.pdf", "figures/index.html",
                 "sources/index.html", "methodology/index.html", "search/search_index.json"):
        assert name in files, f"{name} not on gh-pages: {sorted(files)[:40]}"


@pytest.mark.slow
def test_gh_deploy_publishes_every_topic_page(deployed):
    from dossier.curation import load_curation

    project, files = deployed
    curation = load_curation(project / "dossier.yml")
    assert curation.topics
    for topic in curation.topics:
        assert f"topics/{topic.id}/index.html" in files, topic.id


@pytest.mark.slow
def test_gh_deploy_publishes_the_vendored_scripts_and_print_css(deployed):
    _, files = deployed
    for name in ("assets/javascripts/tablesort.min.js", "assets/javascripts/tablesort-init.js",
                 "assets/stylesheets/print.css"):
        assert name in files


# ---- The GitHub Pages workflow -------------------------------------------------------------


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _commands(text: str) -> list[str]:
    """Shell lines with the virtual environment's prefix taken off, for comparison."""
    out = []
    for line in text.splitlines():
        line = re.sub(r"\$\(BIN\)/|\$\(VENV\)/bin/|\.venv/bin/", "", line.strip())
        line = line.replace("$(PYTHON)", "python").replace("$(VENV)", ".venv")
        if line and not line.startswith("#"):
            out.append(re.sub(r"\s+", " ", line))
    return out


def test_workflow_runs_on_push_to_main_and_by_hand(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as True
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers


def test_workflow_may_deploy_pages_one_at_a_time(workflow):
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    assert workflow["concurrency"]["group"] == "pages"


def test_workflow_uses_the_official_pages_actions(workflow):
    uses = {step["uses"] for step in _steps(workflow) if "uses" in step}
    for action in ("actions/checkout@v4", "actions/setup-python@v5", "actions/configure-pages@v5",
                   "actions/upload-pages-artifact@v3", "actions/deploy-pages@v4"):
        assert action in uses
    upload = next(s for s in _steps(workflow) if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"


def test_workflow_installs_and_builds_like_the_makefile(workflow):
    run = [c for step in _steps(workflow) if "run" in step for c in _commands(step["run"])]
    makefile = _commands((ROOT / "Makefile").read_text(encoding="utf-8"))
    for command in ("python -m venv .venv", 'pip install --quiet -e ".[test]"', "mkdocs build --strict"):
        assert command in run, (command, run)
        assert command in makefile, (command, makefile)


def test_publishing_doc_names_the_pages_setting_and_the_workflow():
    doc = (ROOT / "docs" / "reference" / "publishing.md").read_text(encoding="utf-8")
    assert "GitHub Actions" in doc and ".github/workflows/pages.yml" in doc
    assert "mkdocs gh-deploy" in doc and "site_url" in doc
