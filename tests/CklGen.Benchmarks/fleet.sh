#!/usr/bin/env bash
# The fleet command measured against its limit, as a person runs it (one process, /usr/bin/time -v):
#   1. builds a synthetic fleet of N snapshots (default 1000) from the example facts of the 68-rule benchmarks,
#   2. times `cklgen generate --benchmarks --facts --out --format both` on it,
#   3. times the floor: the same bytes copied to the same disk with no work, made durable the same way (one syncfs),
#   4. times start-up: `cklgen --help` and the README's main command, framework-dependent and published ReadyToRun.
# Prints a Markdown section; with --markdown FILE also puts it into FILE between the fleet.sh markers.
#
#   tests/CklGen.Benchmarks/fleet.sh [HOSTS] [--markdown tests/CklGen.Benchmarks/RESULTS.md]
#
# Nothing here is a test; no test asserts on time. Needs ../shared (or CKLGEN_SHARED) and /usr/bin/time.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${CKLGEN_SHARED:-$root/../shared}
hosts=1000
markdown=""
while [ $# -gt 0 ]; do
  case "$1" in
    --markdown) markdown=$(realpath -m "$2"); shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) hosts=$1; shift ;;
  esac
done
[ -x /usr/bin/time ] || { echo "fleet.sh: /usr/bin/time is needed (apt-get install time)" >&2; exit 2; }
[ -d "$shared/benchmarks-xccdf" ] || { echo "fleet.sh: no benchmarks at $shared/benchmarks-xccdf (set CKLGEN_SHARED)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/cklgen-fleet.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$root"
echo "building (Release) and publishing ReadyToRun..." >&2
dotnet build -c Release tests/CklGen.Benchmarks -nologo -v q > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
dotnet publish src/CklGen.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/r2r" -nologo -v q > "$work/publish.log" 2>&1 \
  || { cat "$work/publish.log" >&2; exit 1; }
jit=(dotnet "$root/src/CklGen.Cli/bin/Release/net10.0/cklgen.dll")
r2r=("$work/r2r/cklgen")
dotnet tests/CklGen.Benchmarks/bin/Release/net10.0/CklGen.Benchmarks.dll --make-fleet "$work/facts" "$hosts" >&2
cat "$work"/facts/* > /dev/null   # inputs in the page cache for every run alike

field() { grep -F "$2" "$1" | sed 's/.*: //'; }
wall() { # "0:02.31" or "1:02:03" -> seconds
  awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<< "$1"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

load_start=$(load)
# The fleet, three runs; the median is reported.
runs=()
for i in 1 2 3; do
  rm -rf "$work/out"
  /usr/bin/time -v -o "$work/time-fleet-$i.txt" "${jit[@]}" generate --benchmarks "$shared/benchmarks-xccdf" --facts "$work/facts" \
    --out "$work/out" --format both > "$work/fleet-stdout.txt" 2> "$work/fleet-stderr-$i.txt"
  runs+=("$(wall "$(field "$work/time-fleet-$i.txt" "Elapsed (wall clock)")") $i")
done
median=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p | cut -d' ' -f2)
t="$work/time-fleet-$median.txt"
fleet_wall=$(wall "$(field "$t" "Elapsed (wall clock)")")
fleet_user=$(field "$t" "User time"); fleet_sys=$(field "$t" "System time"); fleet_rss=$(( $(field "$t" "Maximum resident set size") / 1024 ))
fleet_summary=$(tail -1 "$work/fleet-stderr-$median.txt")
files=$(find "$work/out" -type f | wc -l); bytes=$(du -sm "$work/out" | cut -f1)

# The floor: the same files, to the same disk, no work; durable the same way (one syncfs of the file system).
floors=()
for i in 1 2 3; do
  rm -rf "$work/floor"
  /usr/bin/time -v -o "$work/time-floor-$i.txt" sh -c 'mkdir "$1" && cp "$2"/* "$1"/ && sync -f "$1"' sh "$work/floor" "$work/out"
  floors+=("$(wall "$(field "$work/time-floor-$i.txt" "Elapsed (wall clock)")")")
done
floor_wall=$(printf '%s\n' "${floors[@]}" | sort -n | sed -n 2p)
ratio=$(awk -v a="$fleet_wall" -v b="$floor_wall" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')

# Start-up: median of 10 runs each.
startup() { # label, command...
  local label=$1; shift; local ts=()
  for i in $(seq 10); do
    /usr/bin/time -f %e -o "$work/t.txt" "$@" > /dev/null 2>&1 || true
    ts+=("$(cat "$work/t.txt" | tail -1)")
  done
  printf '%s\n' "${ts[@]}" | sort -n | sed -n 5p
}
readme=(generate --benchmark "$shared/benchmarks-xccdf/U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml"
  --facts templates/examples/facts/exch2019-mailbox-EXMBX01.json --policy templates/site-policy.json --format both --out "$work/readme" --force)
help_jit=$(startup help "${jit[@]}" --help); help_r2r=$(startup help "${r2r[@]}" --help)
main_jit=$(startup main "${jit[@]}" "${readme[@]}"); main_r2r=$(startup main "${r2r[@]}" "${readme[@]}")
load_end=$(load)

ms() { awk -v s="$1" 'BEGIN { printf "%.0f ms", s * 1000 }'; }
verdict() { awk -v a="$1" -v g="$2" 'BEGIN { print (a < g ? "met" : "NOT MET") }'; }
section=$(cat <<EOF
<!-- fleet.sh -->
## The fleet as one process (tests/CklGen.Benchmarks/fleet.sh)

\`tests/CklGen.Benchmarks/fleet.sh $hosts\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $load_start at the start and $load_end at the end
(other work shared the machine when the load is above $(nproc); wall times then grow, user + system CPU much less).
Synthetic fleet: $hosts snapshots built from the example facts of the three 68-rule benchmarks (2019 Mailbox, 2019 Edge,
2016 Edge), each with its own host name, addresses and some settings varied; every host's benchmark picked from its facts.

| Measurement | Goal | Result | Verdict |
| --- | ---: | ---: | --- |
| \`generate --benchmarks --facts --format both\`, $hosts hosts ($files files, $bytes MB), wall (median of 3) | < 3.00 s | ${fleet_wall} s | $(verdict "$fleet_wall" 3) |
| same run: CPU (user + system) | | ${fleet_user} s + ${fleet_sys} s | |
| same run: peak memory (maximum resident set) | < 300 MB | ${fleet_rss} MB | $(verdict "$fleet_rss" 300) |
| floor: the same bytes copied to the same disk and synced, no work (median of 3) | | ${floor_wall} s | |
| CklGen as a multiple of the floor | < 3x | ${ratio}x | $(verdict "$ratio" 3) |
| \`cklgen --help\`, framework-dependent (\`dotnet cklgen.dll\`), median of 10 | < 150 ms | $(ms "$help_jit") | $(verdict "$help_jit" 0.150) |
| \`cklgen --help\`, published ReadyToRun (\`cklgen\`), median of 10 | < 150 ms | $(ms "$help_r2r") | $(verdict "$help_r2r" 0.150) |
| README main command, framework-dependent, median of 10 | | $(ms "$main_jit") | |
| README main command, published ReadyToRun, median of 10 | | $(ms "$main_r2r") | |

The run's own summary: $fleet_summary.
Durability: every checklist is written under a temporary name, the file system is synced once (Linux \`syncfs\`),
then each host's files are renamed into place and the file system is synced once more for the renames; a checklist
is never half-written, even on power loss. Elsewhere each file is flushed on its own.
<!-- /fleet.sh -->
EOF
)
echo "$section"
if [ -n "$markdown" ]; then
  printf '%s\n' "$section" > "$work/section.md"
  if [ -f "$markdown" ] && grep -q '<!-- fleet.sh -->' "$markdown"; then
    awk -v repl="$work/section.md" 'BEGIN { while ((getline l < repl) > 0) s = s l "\n" }
      /<!-- fleet.sh -->/ { printf "%s", s; skip = 1; next } /<!-- \/fleet.sh -->/ { skip = 0; next } !skip' \
      "$markdown" > "$work/new.md"
    cp "$work/new.md" "$markdown"
  else
    printf '\n' >> "$markdown"; cat "$work/section.md" >> "$markdown"
  fi
  echo "wrote the section into $markdown" >&2
fi
