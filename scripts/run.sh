#!/usr/bin/env bash
# Starts the whole marketplace locally: tools, PostgreSQL and anvil, migrations, contracts, demo data,
# and the web app on http://127.0.0.1:5080. Stop with Ctrl+C; stop the services with
# `scripts/stack.sh down`.
set -euo pipefail
readonly ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
readonly URL=${EMR_URL:-http://127.0.0.1:5080}

scripts/tools.sh
scripts/stack.sh up --name dev
set -a; eval "$(scripts/stack.sh env --name dev)"; set +a
export Database__ConnectionString="$EMR_PG_CONNECTION"
export Chain__RpcUrl="$EMR_RPC_URL" Chain__ChainId="$EMR_CHAIN_ID" Chain__DeploymentFile="$EMR_DEPLOYMENT_FILE"
# A development master key, made once and kept (git-ignored) so the demo's encrypted records stay readable.
master_key_file=.data/dev/master.key
if [[ ! -s "$master_key_file" ]]; then
  (umask 077; head -c 32 /dev/urandom | base64 > "$master_key_file")
fi
export Encryption__MasterKey="${Encryption__MasterKey:-$(cat "$master_key_file")}"
# anvil's well-known development accounts 0-2 (local chain only): admin/deployer, relayer, curator.
export Chain__AdminKey="${Chain__AdminKey:-0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80}"
export Chain__RelayerKey="${Chain__RelayerKey:-0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d}"
export Chain__CuratorKey="${Chain__CuratorKey:-0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a}"

echo "run: building the CLI and the web app" >&2
dotnet build src/EmrMarket.Cli -c Release --nologo -v quiet
dotnet publish src/EmrMarket.Web -c Release --nologo -v quiet -o .data/dev/web
emr() { dotnet "src/EmrMarket.Cli/bin/Release/net10.0/emr.dll" "$@"; }
emr migrate
emr deploy
emr seed

echo "EmrMarket: serving $URL"
cd .data/dev/web
exec dotnet EmrMarket.Web.dll --urls "$URL"
