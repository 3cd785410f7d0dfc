#!/bin/sh
# The real dashboard's peak RSS (VmHWM) as the flight recorder fills.
#   bench/flight_rss.sh [BUILD_DIR]      (default: build-bench)
# -d 0.1 --flight-minutes 1.5 keeps 900 lines, as 15 minutes at 1 s do, in 90 s.
# Four dashboards at once in 120x40 tmux panes against spdk-memtop-sim
# (8 modules, exhaustion): the 2-node fixture and a 64-node tree made from it,
# each with the recorder and with --flight-minutes 0. VmHWM at 10, 45 and 95 s,
# and at 180 s: twice the ring's span, to show it flat once full; then after
# a w in each (the dump's whole text is made in memory for a moment).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-bench}
fx=$src/tests/fixtures
tmp=$(mktemp -d)
tmux_() { tmux -L "memtop-flight-rss-$$" "$@"; }
cleanup() {
	tmux_ kill-server 2>/dev/null || true
	[ -n "${sim:-}" ] && kill "$sim" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# 64 nodes: node0 of the 2-node fixture copied, its meminfo saying "Node N".
cp -r "$fx/sysfs/2node" "$tmp/sysfs64"
cp -r "$fx/procfs/2node" "$tmp/procfs64"
nodes=$tmp/sysfs64/devices/system/node
n=1
while [ $n -lt 64 ]; do
	rm -rf "$nodes/node$n"
	cp -r "$nodes/node0" "$nodes/node$n"
	sed "s/^Node 0 /Node $n /" "$nodes/node0/meminfo" >"$nodes/node$n/meminfo"
	n=$((n + 1))
done
for l in online possible has_cpu has_memory has_normal_memory; do
	echo 0-63 >"$nodes/$l"
done

sock=$tmp/spdk.sock
"$build/spdk-memtop-sim" -r "$sock" --scenario exhaustion --modules 8 2>/dev/null &
sim=$!
while [ ! -S "$sock" ]; do
	kill -0 "$sim" || exit 1
	sleep 0.1   # waiting for the simulator's socket to appear, not a synchronisation of results
done

start() {   # name sysfs procfs minutes
	tmux_ new-session -d -s "$1" -x 120 -y 40 \
		"exec '$build/spdk-memtop' -s '$sock' -d 0.1 --flight-minutes $4 \
		--flight-dir '$tmp/flight' --sysfs-root '$2' --procfs-root '$3'"
}
start two "$fx/sysfs/2node" "$fx/procfs/2node" 1.5
start two0 "$fx/sysfs/2node" "$fx/procfs/2node" 0
start sixtyfour "$tmp/sysfs64" "$tmp/procfs64" 1.5
start sixtyfour0 "$tmp/sysfs64" "$tmp/procfs64" 0
hwm() { awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$(tmux_ display -p -t "$1" '#{pane_pid}')/status"; }
t=0
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "VmHWM MiB      2 nodes  2 nodes, no recorder  64 nodes  64 nodes, no recorder"
for at in 10 45 95 180; do
	sleep $((at - t))   # the sampling times themselves
	t=$at
	printf '  at %3d s   %8s  %20s  %8s  %21s\n' "$at" "$(hwm two)" "$(hwm two0)" \
		"$(hwm sixtyfour)" "$(hwm sixtyfour0)"
done
dump() {   # session: press w, wait until its file is there
	k=$(ls "$tmp/flight" | wc -l)
	tmux_ send-keys -t "$1" w
	tries=0
	until [ "$(ls "$tmp/flight" | wc -l)" -gt "$k" ]; do
		tries=$((tries + 1))
		[ $tries -lt 400 ] || { echo "$1: w wrote nothing in 20 s" >&2; exit 1; }
		sleep 0.05   # polling for the dump's file
	done
}
dump two
dump sixtyfour
printf '  after w    %8s  %20s  %8s  %21s\n' "$(hwm two)" "" "$(hwm sixtyfour)" ""
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
