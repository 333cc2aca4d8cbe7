#!/usr/bin/env bash
# Audit the pinned dependencies (the project's .venv) for known vulnerabilities with pip-audit.
# Fails on any vulnerability not excepted, with a reason, in audit-exceptions.txt.
set -uo pipefail
cd "$(dirname "$0")/.."
ignores=()
while read -r id _; do
  [ -n "$id" ] && [ "${id:0:1}" != "#" ] && ignores+=(--ignore-vuln "$id")
done < audit-exceptions.txt
out=$(.venv/bin/pip-audit --local --progress-spinner off "${ignores[@]}" 2>&1)
status=$?
echo "$out" | grep -v "could not be audited" | head -40
audited_none=$(echo "$out" | grep -c "Dependency not found on PyPI and could not be audited")
total=$(.venv/bin/pip list --format=freeze 2>/dev/null | wc -l)
if [ "$status" -ne 0 ] && [ "$audited_none" -lt "$total" ]; then
  echo "pip-audit: known vulnerabilities found (see above); fix or add a written exception to audit-exceptions.txt"
  exit 1
fi
if [ "$audited_none" -gt 0 ]; then
  echo "WARNING: pip-audit could not reach the vulnerability service for $audited_none of $total packages;"
  echo "         the dependency audit did NOT run for them on this machine (no network to the advisory service)."
fi
exit 0
