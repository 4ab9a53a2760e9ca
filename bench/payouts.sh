#!/usr/bin/env bash
# Payouts benchmark: publishes the app in Release, seeds affiliates and approved commission lines straight into a
# temporary database, and times in a fresh app process each (so its peak memory, VmHWM, is that step's alone):
#  - preparing payouts (POST /api/v1/payouts/generate) over 10,000 affiliates and 1,000,000 lines;
#  - exporting 100,000 lines in 1,000 payouts as XLSX and CSV, and 100,000 one-line payouts as CSV and XLSX.
# Prints medians of the runs against the targets. Then, not timed (prepare-kill): kills the app (SIGKILL) at a random
# moment of a payout run, KILLS times (default 10), and checks that it left whole payouts only and that preparing again
# pays every line exactly once. Stays on 127.0.0.1:5104.
# Usage: [KILLS=10] bench/payouts.sh [runs=3] [prepare | export-1k | export-100k | prepare-kill: only that scenario]
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
dotnet publish AffiliateBlazor -c Release -o "$out/app" --nologo -v quiet
dotnet publish bench/Payouts -c Release -o "$out/payouts" --nologo -v quiet
dotnet "$out/payouts/Payouts.dll" "$out/app" "${1:-3}" "${2:-}"
