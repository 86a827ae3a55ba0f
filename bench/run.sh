#!/usr/bin/env bash
# Whole-run benchmark of citelint, side by side in one run:
#   - `citelint check` throughput against `grep -c '\['` on the same files
#     (the floor of reading the text), one process, one thread;
#   - reference parsing rate (criterion, `benches/parsers.rs`);
#   - peak memory (`/usr/bin/time -v`) against 2x the largest file + 50 MB;
#   - scaling across files with 1..N threads (`check --jobs N`, one process).
# The corpus is generated from paper/ (and the dev papers when present) by
# bench/gen_corpus.py; nothing large is committed.
#
#   bench/run.sh                 # 100 MB corpus, 3 runs each, medians
#   MB=20 RUNS=1 bench/run.sh    # a quick look
#   HOSTILE=1 bench/run.sh       # also a 1 GB file and one 50 MB line, and the
#                                # #[ignore]d hostile tests of those sizes
#
# Times are reported as wall clock and as CPU time (user + sys): on a
# shared machine the wall clock includes waiting for a core, CPU time does
# not. Ratios are computed on CPU time.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${MB:-100}
RUNS=${RUNS:-3}
JOBS=${JOBS:-$(nproc)}
CORPUS=${CORPUS:-target/bench-corpus}
OUT=${OUT:-target/bench-results.md}

cargo build --release --quiet
BIN=target/release/citelint
SRC=paper
[ -d ../shared/datasets/dev/papers ] && SRC="paper ../shared/datasets/dev/papers"
rm -rf "$CORPUS"
python3 bench/gen_corpus.py "$CORPUS" "$MB" $SRC
mapfile -t FILES < <(ls "$CORPUS"/*.txt)
BYTES=$(cat "${FILES[@]}" | wc -c)
LARGEST=$(stat -c %s "${FILES[@]}" | sort -n | tail -1)
NFILES=${#FILES[@]}
cat "${FILES[@]}" > /dev/null # warm the page cache

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# measure NAME CMD...: runs CMD $RUNS times; sets WALL, CPU (medians, s)
# and RSS (max, KB)
measure() {
  local name=$1; shift
  local log; log=$(mktemp)
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o "$log" -a "$@" > /dev/null || true
  done
  WALL=$(awk '{print $1}' "$log" | median)
  CPU=$(awk '{print $2 + $3}' "$log" | median)
  RSS=$(awk '{print $4}' "$log" | sort -n | tail -1)
  rm -f "$log"
  printf '%-28s wall %7.3fs  cpu %7.3fs  rss %8d KB\n' "$name" "$WALL" "$CPU" "$RSS" >&2
}

mbps() { awk -v b="$BYTES" -v t="$1" 'BEGIN {printf "%.1f", (t > 0) ? b / 1e6 / t : 0}'; }

# grep reads 100 MB from the page cache in a few milliseconds, below what
# /usr/bin/time resolves: it runs GREPS times per measurement, divided out.
GREPS=${GREPS:-20}
measure "grep -c '\\[' (x$GREPS)" sh -c 'for _ in $(seq '"$GREPS"'); do grep -c "\[" "$@" > /dev/null; done' sh "${FILES[@]}"
G_WALL=$(awk -v t="$WALL" -v n="$GREPS" 'BEGIN{print t/n}')
G_CPU=$(awk -v t="$CPU" -v n="$GREPS" 'BEGIN{print t/n}')
measure "citelint check (1 thread)" "$BIN" check --jobs 1 --format concise --fail-on never "${FILES[@]}"
C_WALL=$WALL C_CPU=$CPU C_RSS=$RSS

# Peak memory of the largest file alone.
BIG=$(ls -S "${FILES[@]}" | sed -n 1p)
measure "citelint check (largest)" "$BIN" check --jobs 1 --format concise --fail-on never "$BIG"
L_RSS=$RSS

# Scaling across files: one process, J threads, and the peak memory of each.
declare -A SCALE SCALE_CPU SCALE_RSS
for j in $(seq 1 "$JOBS"); do
  measure "check --jobs $j" "$BIN" check --jobs "$j" --format concise --fail-on never "${FILES[@]}"
  SCALE[$j]=$WALL SCALE_CPU[$j]=$CPU SCALE_RSS[$j]=$RSS
done

# The hostile sizes: a 1 GB file (the seed's body repeated, then its list)
# and one 50 MB line, generated here and removed after.
if [ "${HOSTILE:-0}" = 1 ]; then
  python3 - "$CORPUS" <<'PY'
import sys
d = sys.argv[1]
t = open("paper/cyberspace-governance.txt", encoding="utf-8").read()
i = t.find("\nReferences")
body, lst = t[:i], t[i:]
with open(f"{d}/../bench-1gb.txt", "w", encoding="utf-8") as f:
    w = 0
    while w < 1 << 30:
        f.write(body + "\n\n")
        w += len(body.encode()) + 2
    f.write(lst)
line = "As shown in cancer[4]. and (Smith et al., 2008) also [1, 2]. " * 820_000
open(f"{d}/../bench-50mb-line.txt", "w").write(line)
PY
  RUNS=1 measure "check, 1 GB file" "$BIN" check --jobs 1 --format concise "$CORPUS/../bench-1gb.txt"
  H1="$WALL s wall, $CPU s cpu, $((RSS / 1024)) MB peak"
  RUNS=1 measure "check, one 50 MB line" "$BIN" check --jobs 1 --format concise "$CORPUS/../bench-50mb-line.txt"
  H2="$WALL s wall, $CPU s cpu, $((RSS / 1024)) MB peak"
  rm -f "$CORPUS/../bench-1gb.txt" "$CORPUS/../bench-50mb-line.txt"
fi

# Reference parsing rate: criterion, references per second.
cargo bench --quiet --bench parsers -- references --noplot 2>/dev/null | tee target/bench-criterion.txt >&2 || true
rate() { # BENCH: the median of criterion's thrpt line, in elem/s
  awk -v b="$1" '$0 ~ b {f=1} f && /thrpt:/ {v=$4; u=$5; gsub(/[^a-zA-Z\/]/,"",u);
    m=(u ~ /^K/)?1e3:(u ~ /^M/)?1e6:(u ~ /^G/)?1e9:1; printf "%.0f", v*m; exit}' target/bench-criterion.txt
}
SPLIT=$(rate "references/split")
FIELDS=$(rate "references/fields")

{
  echo "| measure | value | target |"
  echo "|---|---|---|"
  echo "| corpus | $NFILES files, $(awk -v b="$BYTES" 'BEGIN{printf "%.1f", b/1e6}') MB, largest $(awk -v b="$LARGEST" 'BEGIN{printf "%.2f", b/1e6}') MB | |"
  echo "| \`grep -c '\\['\` | $(mbps "$G_CPU") MB/s cpu ($(mbps "$G_WALL") MB/s wall) | |"
  echo "| \`citelint check\`, 1 thread | $(mbps "$C_CPU") MB/s cpu ($(mbps "$C_WALL") MB/s wall) | |"
  echo "| check / grep throughput | $(awk -v c="$C_CPU" -v g="$G_CPU" 'BEGIN{printf "%.2f%%", (c > 0) ? 100*g/c : 0}') | >= 30% |"
  echo "| reference splitting | ${SPLIT:-?} references/s | >= 100,000/s per core |"
  echo "| reference field parsing | ${FIELDS:-?} references/s | >= 100,000/s per core |"
  echo "| peak memory, whole corpus in one process | $((C_RSS / 1024)) MB | <= $(( 2 * LARGEST / 1048576 + 50 )) MB (2x largest + 50) |"
  echo "| peak memory, largest file alone | $((L_RSS / 1024)) MB | <= $(( 2 * LARGEST / 1048576 + 50 )) MB |"
  for j in $(seq 1 "$JOBS"); do
    echo "| \`--jobs $j\` across files, wall | ${SCALE[$j]} s (speed-up $(awk -v a="${SCALE[1]}" -v b="${SCALE[$j]}" 'BEGIN{printf "%.2f", (b > 0) ? a/b : 0}')x; total cpu ${SCALE_CPU[$j]} s; $((SCALE_RSS[$j] / 1024)) MB peak) | ~${j}x |"
  done
  if [ "${HOSTILE:-0}" = 1 ]; then
    echo "| a 1 GB file | $H1 | <= 2098 MB |"
    echo "| one 50 MB line | $H2 | <= 150 MB |"
  fi
} | tee "$OUT"

if [ "${HOSTILE:-0}" = 1 ]; then
  cargo test --release --test integration hostile:: -- --ignored 2>&1 | grep -E "^test |test result"
fi
