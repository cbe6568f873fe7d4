#!/usr/bin/env bash
# The learning-efficacy simulation, doc/efficacy.md: builds rolecall_sim if
# needed, runs it with a fixed seed on the bundled banks, draws
# doc/efficacy.svg with gnuplot and writes the table, the sensitivity
# table and issue 20's targets per population into doc/efficacy.md (between
# its "sim:" markers).
#
#   bench/sim.sh             the documented run (1,000 learners, seed 1)
#   bench/sim.sh --no-docs   the same, printed only: doc/ is left alone
#
# Environment: SIM_BUILD (build folder, default build-sim), SIM_JOBS
# (threads, default nproc), SIM_LEARNERS (default 1000).  The results do not
# depend on the number of threads.
set -euo pipefail
cd "$(dirname "$0")/.."

docs=1
case "${1:-}" in
  "") ;;
  --no-docs) docs=0 ;;
  *) echo "usage: bench/sim.sh [--no-docs]" >&2; exit 2 ;;
esac

build=${SIM_BUILD:-build-sim}
jobs=${SIM_JOBS:-$(nproc)}
learners=${SIM_LEARNERS:-1000}
seed=1

have_gnuplot=1
if ! command -v gnuplot >/dev/null 2>&1; then
  have_gnuplot=0
  echo "bench/sim.sh: gnuplot is missing, so doc/efficacy.svg cannot be drawn;" \
       "install it (Debian: sudo apt-get install gnuplot-nox) and run again." >&2
fi

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
      --no-warn-unused-cli >/dev/null
cmake --build "$build" --target rolecall_sim -j"$jobs" >/dev/null
sim="$build/bench/rolecall_sim"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== the documented run: $learners learners, seed $seed"
"$sim" --seed "$seed" --learners "$learners" --jobs "$jobs" \
       --curve "$tmp/curve.tsv" | tee "$tmp/main.txt"

# One model assumption changed at a time; longer budget, so that the slow
# variants are not cut off.
echo
echo "== sensitivity: one assumption changed at a time (budget 450 questions)"
{
  echo "| variant | random: median / p90 | FSRS alone | rolecall drill | drill / random | drill / FSRS | still cleared 30 days after the budget: random / FSRS / drill |"
  echo "|---|--:|--:|--:|--:|--:|--:|"
} >"$tmp/sens.md"
while IFS='|' read -r label args; do
  # shellcheck disable=SC2086  # args is a list of options
  "$sim" --seed "$seed" --learners "$learners" --jobs "$jobs" --budget 450 \
         --policies random,fsrs,drill --row "$label" $args </dev/null >>"$tmp/sens.md"
done <<'EOF'
as documented|
no slips|--slip 0
right answers teach nothing|--learn-hit 0
faster learner (miss 0.35, contrast 0.25)|--learn-miss 0.35 --learn-contrast 0.25
slower learner (miss 0.10, contrast 0.10)|--learn-miss 0.10 --learn-contrast 0.10
no extra effect of the contrast|--learn-contrast 0 --transfer 0
faster forgetting (stability 0.25 d, growth 5)|--stability 0.25 --growth 5
slower forgetting (growth 20)|--growth 20
one confused pair|--confused-min 1 --confused-max 1
four confused pairs|--confused-min 4 --confused-max 4
milder confusions, U(0.20, 0.40)|--high-min 0.20 --high-max 0.40
10 questions a day|--per-day 10
20 questions a day|--per-day 20
EOF
cat "$tmp/sens.md"

# Issue 20's targets: four populations, five seeds pooled, one set of the
# engine's settings for all of them.  The budget leaves random order's
# 90th percentile measurable in every population.
echo
echo "== targets: four populations, seeds $seed-$((seed + 4)) pooled (budget 450 questions)"
{
  echo "| population | oracle: median / p90 | random order | rolecall drill | drill / oracle: median | p90 | drill / random: median | p90 | still cleared 30 days after the last session: drill / FSRS alone |"
  echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|"
} >"$tmp/targets.md"
for pop in default mild severe many; do
  "$sim" --population "$pop" --seed "$seed" --seeds 5 --learners "$learners" \
         --jobs "$jobs" --budget 450 --policies random,fsrs,drill,oracle-still \
         --target-row "$pop" </dev/null >>"$tmp/targets.md"
done
cat "$tmp/targets.md"
if grep -q FAIL "$tmp/targets.md"; then
  echo "targets: some FAIL (see above)"
else
  echo "targets: every population PASSes every target"
fi

status=0
if [ "$have_gnuplot" = 1 ]; then
  out=doc/efficacy.svg
  [ "$docs" = 1 ] || out="$tmp/efficacy.svg"
  # Columns: questions, then each policy's share of pairs, then each
  # policy's share of learners (see rolecall_sim --curve).
  n=$(head -n 1 "$tmp/curve.tsv" | awk -F '\t' '{ print (NF - 1) / 2 }')
  gnuplot <<EOF
set terminal svg size 1100,460 dynamic font "sans,12" background rgb "white"
set output "$out"
set datafile separator "\t"
set multiplot layout 1,2
set grid
set key bottom right
set xlabel "questions answered"
set yrange [0:100]
set format y "%g%%"
set style line 1 lc rgb "#888888" lw 2
set style line 2 lc rgb "#e69f00" lw 2
set style line 3 lc rgb "#56b4e9" lw 2
set style line 4 lc rgb "#009e73" lw 2
set style line 5 lc rgb "#d55e00" lw 3
set style line 6 lc rgb "#777777" lw 1.5 dt 4
set style line 7 lc rgb "#444444" lw 1.5 dt 2
set style line 8 lc rgb "#000000" lw 1.5 dt 3
set title "Confused pairs cleared (confusion < 10%)"
set ylabel "share of the learners' confused pairs"
plot for [i=2:$n+1] "$tmp/curve.tsv" using 1:i with lines ls (i-1) title columnhead(i)
set title "Learners with every pair cleared"
set ylabel "share of learners"
set key off
plot for [i=$n+2:2*$n+1] "$tmp/curve.tsv" using 1:i with lines ls (i-$n-1) notitle
unset multiplot
EOF
  echo
  echo "figure: $out"
else
  status=1
fi

if [ "$docs" = 1 ]; then
  # The block between "<!-- sim:begin NAME -->" and "<!-- sim:end NAME -->"
  # becomes the file given for NAME.
  {
    echo "Output of \`bench/sim.sh\` (\`rolecall_sim --seed $seed --learners $learners\`):"
    echo
    sed -n '1,2s/^/- /p' "$tmp/main.txt"
    echo
    sed -n '/^|/p' "$tmp/main.txt"
    echo
    sed -n '/^target:/s/^/- /p; /^Questions, until/s/^/- /p; /^Confused pairs rolecall/s/^/- /p' \
        "$tmp/main.txt"
  } >"$tmp/table.md"
  awk -v table="$tmp/table.md" -v sens="$tmp/sens.md" -v targets="$tmp/targets.md" '
    function put(file,   line) { while ((getline line < file) > 0) print line; close(file) }
    /^<!-- sim:begin table -->$/ { print; put(table); skip = 1; next }
    /^<!-- sim:begin sensitivity -->$/ { print; put(sens); skip = 1; next }
    /^<!-- sim:begin targets -->$/ { print; put(targets); skip = 1; next }
    /^<!-- sim:end / { skip = 0 }
    !skip { print }
  ' doc/efficacy.md >"$tmp/efficacy.md"
  cat "$tmp/efficacy.md" >doc/efficacy.md
  echo "table: doc/efficacy.md"
fi
exit "$status"
