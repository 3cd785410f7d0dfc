#!/bin/bash
# Soak: the dashboard at 10 Hz against the simulator for SECONDS, cycling
# through phases (churn, exhaustion, a hung target, a target that dies and
# comes back, the simulator's faults of SOAK_SIM_FAULTS), sampling the
# dashboard's RSS (VmRSS) and open fds every
# SOAK_SAMPLE seconds.  After the warm-up (the flight recorder's ring and the
# history filling up) RSS may grow by at most SOAK_RSS_SLACK_KB and the fd
# count may not exceed what it reached during the warm-up.  Every phase also
# checks that the dashboard still answers a key.
#
#   tests/soak/soak.sh SECONDS            (environment as for tests/integration)
#   SOAK_SAMPLE=60 SOAK_WARMUP=420 SOAK_PHASE=30 SOAK_FLIGHT_MINUTES=5
#   SOAK_RSS_SLACK_KB=1024 SOAK_OUT=DIR (keeps samples.csv there)
#
# The samples go to $SOAK_OUT/samples.csv (t_s,phase,rss_kb,fds).
source "$(dirname "$0")/../integration/lib.sh"
source "$(dirname "$0")/../integration/tmux_lib.sh"

DURATION=${1:?usage: soak.sh SECONDS}
SAMPLE=${SOAK_SAMPLE:-60}
WARMUP=${SOAK_WARMUP:-420}
PHASE=${SOAK_PHASE:-30}
FLIGHT_MINUTES=${SOAK_FLIGHT_MINUTES:-5}
RSS_SLACK_KB=${SOAK_RSS_SLACK_KB:-1024}
OUTDIR=${SOAK_OUT:-$MT_TMP}
RPC=$(dirname "$0")/../integration/sim_rpc.pl
CTL=$MT_TMP/soak-control.sock   # the simulator's socket where no fault applies
mkdir -p "$OUTDIR"
CSV=$OUTDIR/samples.csv
echo "t_s,phase,rss_kb,fds" >"$CSV"
[ "$DURATION" -gt "$WARMUP" ] || fail "SECONDS ($DURATION) must exceed the warm-up ($WARMUP s)"

sim_start soak --scenario churn --control-socket "$CTL"
SOAK_SIM=$SIM_PID
ARGS=(-s "$SIM_SOCK" --sysfs-root "$MEMTOP_FIXTURES/sysfs/4node"
	--procfs-root "$MEMTOP_FIXTURES/procfs/4node" -d 0.1 -t 1
	--flight-minutes "$FLIGHT_MINUTES")
tmux_run d 120 40 LANG=C.UTF-8 LC_ALL=C.UTF-8 -- "${ARGS[@]}"
tmux_wait_for d ' running ' 15
PID=$(memtop_pid d) || fail "cannot find spdk-memtop's pid"
T0=$(now_ms)
echo "soak: dashboard pid $PID, ${DURATION}s, sample every ${SAMPLE}s, warm-up ${WARMUP}s, samples in $CSV"

phase_name=start
next_sample=0
elapsed() { echo $((($(now_ms) - T0) / 1000)); }

# Samples when due; called between the steps of every phase.
sample_due() {
	local t rss fds
	t=$(elapsed)
	[ "$t" -ge "$next_sample" ] || return 0
	kill -0 "$PID" 2>/dev/null || fail "the dashboard died (phase $phase_name)"
	rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$PID/status")
	fds=$(find "/proc/$PID/fd" -mindepth 1 -maxdepth 1 | wc -l)
	echo "$t,$phase_name,$rss,$fds" >>"$CSV"
	echo "soak: t=${t}s phase=$phase_name rss=${rss} kB fds=$fds"
	next_sample=$((next_sample + SAMPLE))
}

# Runs the phase for PHASE seconds, sampling and checking that a key answers.
hold() {
	local until=$(($(elapsed) + $1))
	while [ "$(elapsed)" -lt "$until" ]; do
		sample_due
		tmux_keys d '?'
		tmux_wait_for d 'Help: keys' 5
		tmux_keys d Escape
		tmux_wait_gone d 'Help: keys' 5
		# Not a synchronisation: the pace of the key checks (a few per second
		# would only load the machine the soak shares).
		sleep 1
	done
}

# sim_rpc.pl SOCKET METHOD PARAMS, failing unless the reply has a result.
sim_call() {
	local reply
	reply=$(perl "$RPC" "$@") && [[ $reply == *'"result"'* ]] ||
		fail "$2 $3 refused: $reply"
}

scenario() {
	sim_call "$CTL" sim_set_scenario "{\"scenario\":\"$1\"}"
}

# --- faults -------------------------------------------------------------------
# A hung target (SIGSTOP) and a target that
# dies (SIGKILL) and comes back on the same socket.
fault_hang() {
	kill -STOP "$SOAK_SIM"
	tmux_wait_for d 'unreachable since' 10
	hold $((PHASE / 3))
	kill -CONT "$SOAK_SIM"
	tmux_wait_for d ' running ' 15
}

fault_die() {
	kill -KILL "$SOAK_SIM"
	wait "$SOAK_SIM" 2>/dev/null || true
	tmux_wait_for d 'unreachable since' 10
	hold $((PHASE / 3))
	sim_start soak --scenario churn --control-socket "$CTL"
	SOAK_SIM=$SIM_PID
	tmux_wait_for d ' running ' 15
}

# The simulator's own faults (docs/simulator.md "Faults"), SOAK_SIM_FAULTS
# (space separated NAME or NAME:N, as --fault takes them), each set through
# the control socket, held a third of a phase, then cleared: the dashboard
# must say so, answer keys all along and be running again after.
SOAK_SIM_FAULTS=${SOAK_SIM_FAULTS-garbage slow:1500 close-reply huge-counters wrong-id}
fault_sim() {
	local name=${1%%:*} arg=${1#*:} params
	case $1 in
	*:*) case $name in
		die) params="{\"fault\":\"$name\",\"seconds\":$arg}" ;;
		*) params="{\"fault\":\"$name\",\"ms\":$arg}" ;;
		esac ;;
	*) params="{\"fault\":\"$name\"}" ;;
	esac
	sim_call "$CTL" sim_set_fault "$params"
	hold $((PHASE / 3))
	sim_call "$CTL" sim_set_fault '{"fault":"none"}'
	tmux_wait_for d ' running ' 15
}

cycle=0
while [ "$(elapsed)" -lt "$DURATION" ]; do
	cycle=$((cycle + 1))
	phase_name=churn
	scenario churn
	hold "$PHASE"
	[ "$(elapsed)" -lt "$DURATION" ] || break

	phase_name=exhaustion
	scenario exhaustion
	tmux_wait_for d 'EXHAUSTED' 10
	hold "$PHASE"
	[ "$(elapsed)" -lt "$DURATION" ] || break

	if [ $((cycle % 2)) -eq 1 ]; then
		phase_name=hang
		fault_hang
	else
		phase_name=die
		fault_die
	fi
	for f in ${SOAK_SIM_FAULTS:-}; do
		phase_name=fault-$f
		fault_sim "$f"
	done
done
phase_name=end
next_sample=0
sample_due

# --- the end: quits cleanly, and memory and fds stayed flat after warm-up -------
tmux_keys d q
tmux_wait_exit d 10
tmux_check_restored d 0

awk -F, -v w="$WARMUP" -v slack="$RSS_SLACK_KB" '
NR == 1 { next }
$1 < w { if ($4 > wfd) wfd = $4; next }
{
	n++
	if (n == 1) first = $3
	if ($3 > max) max = $3
	if ($4 > pfd) pfd = $4
	last = $3
}
END {
	if (n < 2) { print "too few samples after the warm-up: " n; exit 2 }
	printf "soak: after warm-up %d samples, rss first %d kB, max %d kB, last %d kB (growth %d kB, slack %d); fds max %d (warm-up max %d)\n",
		n, first, max, last, max - first, slack, pfd, wfd
	if (max - first > slack) exit 1
	if (pfd > wfd) exit 1
}' "$CSV" || fail "not flat after the warm-up (samples in $CSV):
$(cat "$CSV")"
ok "soak: ${DURATION}s, $cycle cycles, flat after ${WARMUP}s warm-up"
