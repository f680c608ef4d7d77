#!/usr/bin/env bash
# Installs what the stack and the tests need and the machine may lack:
#   the npm toolchain in contracts/ (solc-js, anvil, forge, cast, OpenZeppelin, ethers), at its locked versions;
#   with --browser, Debian's chromium for the browser tests.
set -euo pipefail
readonly ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
die() { echo "tools: $*" >&2; exit 1; }

command -v node >/dev/null || die "node not found: install Node.js 20 or later"
command -v npm >/dev/null || die "npm not found: install npm"
command -v dotnet >/dev/null || die "dotnet not found: install the .NET 10 SDK"

contracts="$ROOT/contracts"
stamp="$contracts/node_modules/.package-lock.json"
if [[ ! -f "$stamp" || "$contracts/package-lock.json" -nt "$stamp" ]]; then
  echo "tools: installing the contract toolchain (npm install in contracts/, versions from its lock file)" >&2
  # Not `npm ci`: the registry copy lacks the other platforms' optional Foundry binaries, so the lock
  # cannot list them and `npm ci` calls it out of sync. `npm install` keeps the locked versions.
  (cd "$contracts" && npm install --no-audit --no-fund --loglevel=error) || die "npm install failed in contracts/"
fi

if [[ "${1:-}" == "--browser" ]] && ! command -v chromium >/dev/null; then
  [[ $(id -u) -eq 0 ]] || die "chromium is missing; install it with: sudo apt-get install -y chromium"
  echo "tools: installing chromium (apt-get)" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || die "apt-get install chromium failed"
fi
exit 0
