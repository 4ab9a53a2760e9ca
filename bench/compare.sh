#!/usr/bin/env bash
# Compares the working tree's tracking throughput with another commit's (default HEAD), to tell whether a change to
# the hot path bought anything: both builds run at once, and each round loads the bare endpoint and then both builds in
# alternating order; it prints each round and the median of this build / baseline for clicks and impressions
# (see bench/Bench/BuildComparison.cs). Everything stays on 127.0.0.1 (ports 5101, 5102 and 5103).
# Usage: bench/compare.sh [baseline-commit=HEAD] [rounds=8] [seconds=5]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/need-wrk.sh
out=bench/out
baseline=$(mktemp -d)
trap 'git worktree remove --force "$baseline"' EXIT
git worktree add --quiet --detach "$baseline" "${1:-HEAD}"
dotnet publish "$baseline/AffiliateBlazor" -c Release -o "$out/baseline" --nologo -v quiet
dotnet publish AffiliateBlazor -c Release -o "$out/app" --nologo -v quiet
dotnet publish bench/Bench -c Release -o "$out/bench" --nologo -v quiet
dotnet "$out/bench/Bench.dll" "$out/app" --against "$out/baseline" "${2:-8}" "${3:-5}"
