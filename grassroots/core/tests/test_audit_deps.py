"""scripts/audit-deps.sh fails when it could not audit anything (issue 8), with a fake pip-audit."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

SCRIPT = settings.BASE_DIR / "scripts" / "audit-deps.sh"
FAKE = """#!{python}
import os, sys
out = sys.argv[sys.argv.index("--output") + 1]
open(out, "w").write(os.environ["FAKE_REPORT"])
sys.exit(int(os.environ["FAKE_STATUS"]))
"""


def _skipped(name):  # type: ignore[no-untyped-def]
    return {"name": name, "skip_reason": f"Dependency not found on PyPI and could not be audited: {name} (1.0)"}


def _audited(name, vulns=()):  # type: ignore[no-untyped-def]
    return {"name": name, "version": "1.0", "vulns": list(vulns)}


def _run(tmp_path, dependencies, status=0, **env):  # type: ignore[no-untyped-def]
    fake = tmp_path / "pip-audit"
    fake.write_text(FAKE.format(python=sys.executable))
    fake.chmod(0o755)
    environ = {k: v for k, v in os.environ.items() if k != "AUDIT_OFFLINE_OK"}
    environ.update(
        PIP_AUDIT=str(fake), FAKE_REPORT=json.dumps({"dependencies": dependencies, "fixes": []}),
        FAKE_STATUS=str(status), **env,
    )  # fmt: skip
    return subprocess.run(["/bin/bash", str(SCRIPT)], env=environ, capture_output=True, text=True, check=False)


def test_an_audit_that_could_check_nothing_fails(tmp_path):
    result = _run(tmp_path, [_skipped("django"), _skipped("argon2-cffi")])
    assert result.returncode == 2, result.stdout
    assert "did not run" in result.stdout
    assert "no known vulnerabilities" not in result.stdout.lower()


def test_the_offline_opt_out_passes_but_says_so_loudly(tmp_path):
    result = _run(tmp_path, [_skipped("django")], AUDIT_OFFLINE_OK="1")
    assert result.returncode == 0
    assert "WARNING: AUDIT_OFFLINE_OK=1: the dependency audit DID NOT RUN" in result.stdout


def test_packages_left_unaudited_beside_audited_ones_fail(tmp_path):
    result = _run(tmp_path, [_audited("django"), _skipped("argon2-cffi")])
    assert result.returncode == 2
    assert "NOT AUDITED argon2-cffi" in result.stdout


@pytest.mark.parametrize("offline_ok", ["", "1"])
def test_a_known_vulnerability_fails_even_with_the_opt_out(tmp_path, offline_ok):
    vuln = {"id": "PYSEC-2099-1", "fix_versions": ["1.0.1"], "aliases": [], "description": ""}
    result = _run(tmp_path, [_audited("django", [vuln])], status=1, AUDIT_OFFLINE_OK=offline_ok)
    assert result.returncode == 1
    assert "VULNERABLE django 1.0: PYSEC-2099-1 (fixed in 1.0.1)" in result.stdout


def test_a_full_clean_audit_passes(tmp_path):
    result = _run(tmp_path, [_audited("django"), _audited("argon2-cffi")])
    assert result.returncode == 0
    assert "2 packages audited, no known vulnerabilities" in result.stdout
