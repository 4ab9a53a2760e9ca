#!/usr/bin/env bash
# Tracking benchmark: publishes the app in Release, starts it on a temporary database beside a bare Kestrel endpoint,
# sets up a campaign, an affiliate and a link through the API, then prints:
#  - requests/s and p99 of clicks, impressions and S2S conversions, and their ratios to the bare endpoint (wrk; medians of
#    the runs, the ratio being the median of each run's own ratio);
#  - rows written against acknowledged requests (exact-count loads);
#  - acknowledged clicks lost over repeated kill -9 under click load.
# Usage: bench/run.sh [runs=3] [seconds=10] [kills=20]      Everything stays on 127.0.0.1 (ports 5101 and 5102).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/need-wrk.sh
out=bench/out
dotnet publish AffiliateBlazor -c Release -o "$out/app" --nologo -v quiet
dotnet publish bench/Bench -c Release -o "$out/bench" --nologo -v quiet
dotnet "$out/bench/Bench.dll" "$out/app" "${1:-3}" "${2:-10}" "${3:-20}"
