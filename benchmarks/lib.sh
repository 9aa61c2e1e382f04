# Shared helpers of the comparison scripts (sourced, not run).
# now: a timestamp in seconds with nanoseconds; elapsed T0 T1: seconds between two of them;
# median: of the numbers on stdin, one per line; m ARGS...: the median of its arguments.
now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
m() { printf '%s\n' "$@" | median; }
