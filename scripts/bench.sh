#!/usr/bin/env bash
# Whole-command timings with hyperfine, each beside its floor, from one run,
# plus peak memory. Prints a Markdown table (the README's "Performance").
# Usage: scripts/bench.sh [QUESTIONS] [ATTEMPTS]   (defaults 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
questions=${1:-10000}
attempts=${2:-100000}
for tool in hyperfine python3 /usr/bin/time taskset; do
  command -v "$tool" >/dev/null || { echo "bench.sh needs $tool (Debian: apt-get install hyperfine python3 time)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --bin drill --example gen --example toml_floor
bin=$PWD/target/release/drill
topics=$((questions / 100 > 0 ? questions / 100 : 1))
target/release/examples/gen bank --questions "$questions" --topics "$topics" --out "$work/bank" >/dev/null 2>&1
target/release/examples/gen history --questions "$questions" --topics "$topics" --attempts "$attempts" --data-dir "$work/data" >/dev/null 2>&1
user=(--no-builtin --bank "$work/bank" --data-dir "$work/data")

# name, command...: median wall ms and mean user+system ms, from hyperfine's JSON.
run() {
  local name=$1; shift
  hyperfine -N --warmup 3 --runs 20 --export-json "$work/$name.json" "$*" >/dev/null 2>&1
  python3 - "$work/$name.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"{r['median'] * 1000:.2f} {(r['user'] + r['system']) * 1000:.2f}")
PY
}
peak() { { /usr/bin/time -v "$@" >/dev/null; } 2>&1 | awk '/Maximum resident/ {print $6}'; }

version=$(run version "$bin" --version)
topics_t=$(run topics "$bin" topics)
list=$(run list "$bin" list --format json)
floor=$(run floor target/release/examples/toml_floor "$work/bank")
validate=$(run validate "$bin" --no-builtin validate "$work/bank")
# The same two on one core, where both do all their work on one thread.
floor1=$(run floor1 taskset -c 0 target/release/examples/toml_floor "$work/bank")
validate1=$(run validate1 taskset -c 0 "$bin" --no-builtin validate "$work/bank")
stats=$(run stats "$bin" --data-dir "$work/data" stats)
"$bin" "${user[@]}" topics >/dev/null  # fills the cache of the generated bank
cached=$(run cached "$bin" "${user[@]}" topics)
stats_user=$(run stats_user "$bin" "${user[@]}" stats)
hyperfine -N --warmup 1 --runs 10 --prepare "rm -rf $work/data/bank-cache" --export-json "$work/uncached.json" \
  "$bin ${user[*]} topics" >/dev/null 2>&1
uncached=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"{r['median']*1000:.2f} 0\")" "$work/uncached.json")
peak_validate=$(peak "$bin" --no-builtin validate "$work/bank")
peak_floor=$(peak target/release/examples/toml_floor "$work/bank")
size=$(du -sk --apparent-size "$work/bank" | cut -f1)

python3 - "$questions" "$attempts" "$size" "$peak_validate" "$peak_floor" \
  "$version" "$topics_t" "$list" "$floor" "$validate" "$stats" "$cached" "$stats_user" "$uncached" "$floor1" "$validate1" <<'PY'
import os, sys
q, a, size, peak, peak_floor = (int(x) for x in sys.argv[1:6])
pairs = sys.argv[6:]
(version, topics, lst, floor, validate, stats, cached, stats_user, uncached, floor1, validate1) = (
    tuple(float(x) for x in pairs[i].split()) for i in range(11))
rows = [
    ("`drill --version`", version, None, ""),
    ("`drill topics` (built-in bank)", topics, version, "`--version`"),
    ("`drill list --format json` (built-in bank)", lst, version, "`--version`"),
    (f"bare `toml` parse of the {q:,}-question bank", floor, None, ""),
    (f"`drill validate`, {q:,} questions (wall)", validate, floor, "bare parse"),
    (f"`drill validate`, {q:,} questions (CPU, all threads)", (validate[1], validate[1]), (floor[1], floor[1]), "bare parse, CPU"),
    (f"`drill validate`, {q:,} questions, one core (`taskset -c 0`)", validate1, floor1, "bare parse, one core"),
    (f"`drill stats`, {a:,} attempts (built-in bank)", stats, None, ""),
    (f"`drill topics`, {q:,}-question bank, first run (parse, then cache)", uncached, floor, "bare parse"),
    (f"`drill topics`, {q:,}-question bank, cached", cached, None, ""),
    (f"`drill stats`, {a:,} attempts, {q:,}-question bank, cached", stats_user, None, ""),
]
print("| command | median | floor | ratio |")
print("| --- | ---: | --- | ---: |")
for name, t, f, fname in rows:
    ratio = f"{t[0] / f[0]:.2f}x" if f else ""
    print(f"| {name} | {t[0]:.1f} ms | {fname} | {ratio} |")
print(f"\nPeak memory of `drill validate`: {peak / 1024:.0f} MiB for {size / 1024:.0f} MiB of bank files "
      f"({peak / size:.2f}x); the bare parse peaks at {peak_floor / 1024:.0f} MiB.")
cpu = os.cpu_count()
model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown CPU")
print(f"Machine: {model}, {cpu} cores visible.")
PY
