#!/usr/bin/env bash
# Fuzz the JSON API with schemathesis against its own OpenAPI schema: no 5xx, no schema violation.
# Runs a throwaway server on a fresh SQLite database with the demo data; bounded by MAX_EXAMPLES.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${FUZZ_PORT:-8765}
examples=${MAX_EXAMPLES:-40}
work=$(mktemp -d)
export VAR_DIR="$work" DATABASE_URL="sqlite:///$work/fuzz.sqlite3" DJANGO_SETTINGS_MODULE=config.settings
export LOGIN_FAILURES_PER_ADDRESS=100000
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py seed_demo > /dev/null
.venv/bin/python manage.py collectstatic --noinput -v0
session=$(PYTHONPATH=. .venv/bin/python scripts/fuzz_session.py official)
# Two worker processes (gunicorn, as in production): the two identities below are fuzzed at the same time. No
# limit on the request line: the app is fuzzed, not gunicorn's 4,094 bytes (nginx answers 414 before the app).
.venv/bin/gunicorn config.wsgi -w 2 --limit-request-line 0 -b "127.0.0.1:$port" --access-logfile "$work/server.log" --error-logfile "$work/errors.log" > "$work/django.log" 2>&1 &
server=$!
pids=()
trap 'kill "${pids[@]}" $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do
  kill -0 $server 2>/dev/null || { cat "$work/errors.log" "$work/django.log"; echo "gunicorn did not start"; exit 1; }
  curl -fs -o /dev/null "http://127.0.0.1:$port/api/v1/openapi.json" && break
  sleep 0.5
done
curl -fs -o /dev/null "http://127.0.0.1:$port/api/v1/openapi.json" || { echo "the server does not answer"; exit 1; }
fuzz() {
  local who=$1 headers=()
  [ "$who" = official ] && headers=(-H "Cookie: sessionid=$session")
  .venv/bin/schemathesis run "http://127.0.0.1:$port/api/v1/openapi.json" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
    --max-examples "$examples" --seed 2026 --generation-deterministic "${headers[@]}" > "$work/$who.log" 2>&1
}
for who in anonymous official; do fuzz "$who" & pids+=($!); done
status=0
for i in 0 1; do
  who=$([ $i = 0 ] && echo anonymous || echo official)
  wait "${pids[$i]}" || status=1
  echo "== schemathesis as $who ($examples examples per operation)"
  cat "$work/$who.log"
done
if grep -E '" 5[0-9][0-9] ' "$work/server.log"; then status=1; echo "server answered 5xx"; fi
[ $status = 0 ] || { echo "== the server's log"; tail -n 200 "$work/errors.log" "$work/django.log"; }
exit $status
