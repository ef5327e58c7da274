#!/usr/bin/env bash
# Whole-command timings with hyperfine, each beside its floor, from one run.
# Usage: scripts/bench.sh [QUESTIONS] [ATTEMPTS]   (defaults 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
questions=${1:-10000}
attempts=${2:-100000}
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --bin drill --example gen --example toml_floor
bin=target/release/drill
target/release/examples/gen bank --questions "$questions" --topics $((questions / 100)) --out "$work/bank"
target/release/examples/gen history --questions "$questions" --topics $((questions / 100)) --attempts "$attempts" --data-dir "$work/data"

run() { # name, command
  hyperfine -N --warmup 3 --runs 20 --export-json "$work/$1.json" "$2" >/dev/null 2>&1
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(r['median']*1000)" "$work/$1.json"
}

version=$(run version "$bin --version")
topics=$(run topics "$bin topics")
list=$(run list "$bin list --format json")
floor=$(run floor "target/release/examples/toml_floor $work/bank")
validate=$(run validate "$bin --no-builtin validate $work/bank")
stats=$(run stats "$bin --no-builtin --bank $work/bank --data-dir $work/data stats")
peak=$( { /usr/bin/time -v "$bin" --no-builtin validate "$work/bank" >/dev/null; } 2>&1 | awk '/Maximum resident/ {print $6}')
size=$(du -sk "$work/bank" | cut -f1)

python3 - "$version" "$topics" "$list" "$floor" "$validate" "$stats" "$peak" "$size" "$questions" "$attempts" <<'PY'
import sys
v, t, l, f, val, s, peak, size, q, a = map(float, sys.argv[1:])
rows = [
    ("drill --version", v, None, None),
    ("drill topics (built-in bank)", t, v, "drill --version"),
    ("drill list --format json (built-in bank)", l, v, "drill --version"),
    (f"bare toml parse of {int(q)} questions", f, None, None),
    (f"drill validate, {int(q)} questions", val, f, "bare toml parse"),
    (f"drill stats, {int(a)} attempts", s, None, None),
]
print("| command | median | floor | ratio |")
print("| --- | --- | --- | --- |")
for name, ms, floor, floor_name in rows:
    ratio = f"{ms / floor:.2f}x" if floor else ""
    print(f"| {name} | {ms:.1f} ms | {floor_name or ''} | {ratio} |")
print(f"\nPeak memory of drill validate: {peak / 1024:.0f} MiB for {size / 1024:.0f} MiB of bank ({peak / size:.2f}x).")
PY
