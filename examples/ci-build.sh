#!/usr/bin/env bash
# Rebuild the progress report when documents change, compare with the previous build, and fail on chosen rules.
# Usage: examples/ci-build.sh DOCUMENTS_DIR OUTPUT_DIR [FAIL_ON]
#   DOCUMENTS_DIR  the folder of inspection documents (with an optional reportdiff.toml)
#   OUTPUT_DIR     where report.{json,html,pdf,md} are written, with summary.md (the compact Markdown for a pull
#                  request comment or the job summary) and changes.md; a report.json already there is the baseline
#   FAIL_ON        --fail-on rules, default "new,recurring"
# Exit status: 0 ok, 1 error, 3 a --fail-on rule matched (outputs are still written), 4 --strict and a file skipped.
set -euo pipefail
docs=${1:?documents folder}
out=${2:?output folder}
rules=${3:-new,recurring}
reportdiff=${REPORTDIFF:-reportdiff}
mkdir -p "$out"

# Keep the previous JSON as the baseline: the new report says what changed since it.
baseline=()
if [ -f "$out/report.json" ]; then
  cp "$out/report.json" "$out/baseline.json"
  baseline=(--baseline "$out/baseline.json")
fi

# Reproducible bytes: the build time shown is the last commit's time when there is one.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}

status=0
"$reportdiff" build "$docs" "${baseline[@]}" --fail-on "$rules" \
  --out "$out/report.json" --out "$out/report.html" --out "$out/report.md" --out "$out/report.pdf" \
  --summary "$out/summary.md" || status=$?

if [ -f "$out/baseline.json" ]; then
  "$reportdiff" diff "$out/baseline.json" "$out/report.json" --out "$out/changes.md"
fi
exit "$status"
