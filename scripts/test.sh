#!/usr/bin/env bash
# Runs every test: the contracts (forge), then the .NET suites against a real PostgreSQL and anvil,
# including the browser tests in chromium. Installs and starts what they need first.
#   scripts/test.sh            everything
#   scripts/test.sh --keep     leave the test stack running afterwards (faster reruns)
set -euo pipefail
readonly ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
keep=${1:-}

scripts/tools.sh --browser
scripts/stack.sh up --name test
[[ "$keep" == --keep ]] || trap 'scripts/stack.sh down --name test' EXIT
set -a; eval "$(scripts/stack.sh env --name test)"; set +a

synthea="$ROOT/../shared/fhir/synthea-r4"
[[ -d "$synthea" ]] && export EMR_SYNTHEA_DIR="$(cd "$synthea" && pwd)"

logs="$ROOT/.data/test-logs"
mkdir -p "$logs"

echo "== contracts: forge test"
if compgen -G "contracts/src/*.sol" >/dev/null; then
  # tools/forge is the native binary: the npm wrapper (npx forge) exits 0 even when tests fail.
  # Gas is checked twice: FORGE_SNAPSHOT_CHECK fails the run when a per-function figure differs from
  # contracts/snapshots/, and `forge snapshot --check` when any test's total differs from .gas-snapshot.
  # After an explained change, `npm run snapshot` in contracts/ rewrites both.
  (cd contracts && FORGE_SNAPSHOT_CHECK=true tools/forge test --gas-report) | tee "$logs/forge.log"
  (cd contracts && FORGE_SNAPSHOT_CHECK=true tools/forge snapshot --check) >"$logs/forge-snapshot.log" 2>&1 || {
    grep -E "^Diff in" "$logs/forge-snapshot.log" >&2 || tail -20 "$logs/forge-snapshot.log" >&2
    echo "gas differs from contracts/.gas-snapshot: explain the change, then run 'npm run snapshot' in contracts/" >&2
    exit 1
  }
  forge_passed=$(grep -oE '[0-9]+ tests passed' "$logs/forge.log" | tail -1 | grep -oE '^[0-9]+' || echo 0)
  [[ ${forge_passed:-0} -gt 0 ]] || { echo "forge ran no tests: that is a failure" >&2; exit 1; }
else
  forge_passed=0; echo "no contracts yet"
fi

echo "== .NET: dotnet test"
set +e
dotnet test EmrMarket.sln --nologo 2>&1 | tee "$logs/dotnet.log"
dotnet_status=${PIPESTATUS[0]}
set -e
dotnet_passed=$(grep -oE "Passed: +[0-9]+" "$logs/dotnet.log" | grep -oE "[0-9]+" | awk "{s+=\$1} END {print s+0}")
dotnet_failed=$(grep -oE "Failed: +[0-9]+" "$logs/dotnet.log" | grep -oE "[0-9]+" | awk "{s+=\$1} END {print s+0}")

echo "== summary: forge ${forge_passed:-0} passed; dotnet ${dotnet_passed:-0} passed, ${dotnet_failed:-0} failed"
[[ $dotnet_status -eq 0 ]] || exit "$dotnet_status"
[[ ${dotnet_passed:-0} -gt 0 ]] || { echo "dotnet ran no tests: that is a failure" >&2; exit 1; }
