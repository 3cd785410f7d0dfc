#!/bin/bash
# make_corpus.sh OUT [TARGET...]: writes the seed corpus of each fuzz target
# (all by default) to OUT/<target>/, made from what the repository already
# holds: the SPDK transcripts (tests/fixtures/transcripts, recorded from a
# real target), the sysfs/procfs/config/baseline/snapshot/ring fixtures and
# the shipped themes.  Nothing is copied into the repository twice; inputs
# that once found a bug live in tests/fuzz/regressions/<target>/ instead.
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
fx=$src/tests/fixtures
tr=$fx/transcripts
out=${1:?usage: make_corpus.sh OUT [TARGET...]}
shift
[ $# -gt 0 ] || set -- json_stream rpc_stream iobuf_decode snapshot_json replay_file \
	baseline_file theme_parse hugepages_read dpdk_mem_dump dpdk_ring config_patch

# seed TARGET NAME: stdin becomes OUT/TARGET/NAME.  (Few processes per seed:
# forks are what costs on a loaded machine.)
seed() {
	cat >"$out/$1/$2"
}

# The JSON-RPC responses recorded from SPDK (empty ones are closes, not replies).
responses() {
	find "$tr" -name '*.response.json' -size +0 | sort
}

# A recorded reply as the answer to request ID (the fuzzer's client sends ids 1 and 2).
with_id() {
	sed -E "0,/\"id\": *[^,}]+/s//\"id\":$1/" "$2"
}

# A golden --once --json file as the snapshot it was (golden/README.md): the
# run-dependent fields put back, the pid placeholder made a number.  Line N
# of a recording: seq N, N seconds later.
golden_snapshot() {
	sed -E 's/\bPID\b/4242/g' "$1" | jq -c --argjson n "${2:-1}" '.seq = $n | .time =
		{mono: (1000 + $n), wall: (1796110067 + $n), wall_iso: "2026-12-01T07:27:47.044Z"} |
		if .spdk_heaps.read then .spdk_heaps.read = {mono: (999 + $n), wall: (1796110066 + $n)}
		else . end'
}

for t in "$@"; do
	rm -rf "${out:?}/$t"
	mkdir -p "$out/$t"
	case $t in
	json_stream)
		for f in $(responses) $(find "$tr" -name '*.request.json' | sort); do
			d=${f%/*}
			cp "$f" "$out/$t/${d##*/}_${f##*/}"
		done
		;;
	rpc_stream)
		i=0
		for f in $(responses); do
			# First byte: the chunk size (2^(byte % 17)); vary it over the seeds.
			{ printf "\\$(printf %03o $((i % 17)))"; with_id 1 "$f"; } |
				seed "$t" "${f##*/}"
			i=$((i + 1))
		done
		{ printf '\003'; with_id 2 "$tr/spdk_get_version.response.json"
		  with_id 1 "$tr/iobuf_get_stats.idle.response.json"; } | seed "$t" two_replies_reordered
		;;
	iobuf_decode)
		# First byte: which decoder (0 stats, 1 options, 2 version, 3 state).
		for f in "$tr"/iobuf_get_stats.*.response.json "$tr"/exhaustion_bdevperf.plain/*iobuf_get_stats*.response.json \
			"$fx"/rings/*.iobuf_get_stats.json "$fx"/baselines/aggregate.*.json; do
			{ printf '\000'; cat "$f"; } | seed "$t" "stats_${f##*/}"
		done
		for f in "$tr"/framework_get_config.iobuf.response.json "$fx"/rings/*framework_get_config*.json; do
			{ printf '\001'; cat "$f"; } | seed "$t" "options_${f##*/}"
		done
		# Corners where the text decoder must read what jansson reads: escaped and
		# repeated keys, escaped names, counters past int64, reals, unknown members.
		printf '\000{"id":1,"result":[{"\\u006dodule":"\\u00e9\\ud83d\\ude00","module":"b","small_pool":{"cache":18446744073709551615,"main":1e3,"retry":0,"cache_size":null},"large_pool":{"cache":"\\u0001bigint:7","main":0,"retry":-0,"x":[{"y":[true,null,1.5e-3]}]}}]}' |
			seed "$t" stats_text_corners
		{ printf '\002'; cat "$tr/spdk_get_version.response.json"; } | seed "$t" version
		{ printf '\003'; cat "$tr/rpc_get_methods.current.response.json"; } | seed "$t" state
		{ printf '\003'; cat "$tr/wait_for_rpc/02.rpc_get_methods.current.startup.response.json"; } |
			seed "$t" state_startup
		# The list's text decoder: escaped names, integers past int64 (marked or not).
		printf '\003{"id":1,"result":["\\u0066ramework_start_init","\\ud83d\\ude00",99999999999999999999,"\\u0001bigint:7",{"x":[1.5e3,null]}]}' |
			seed "$t" state_text_corners
		;;
	snapshot_json)
		for f in "$fx"/snapshots/*.json; do
			seed "$t" "${f##*/}" <"$f"
		done
		for f in "$fx"/golden/once.*.json; do
			golden_snapshot "$f" | seed "$t" "${f##*/}"
		done
		;;
	replay_file)
		for d in plain hide_md; do
			seed "$t" "timeline.$d.jsonl" <"$tr/exhaustion_bdevperf.$d/timeline.iobuf_get_stats.jsonl"
		done
		# The snapshot form: one compact line per snapshot, as --record writes.
		n=0
		for f in "$fx"/golden/once.*.json; do
			n=$((n + 1))
			golden_snapshot "$f" $n
		done | seed "$t" snapshots.jsonl
		;;
	baseline_file)
		golden_snapshot "$fx"/golden/once.2node.json | seed "$t" once.2node.json
		for f in "$fx"/baselines/*.json "$fx"/snapshots/*.json \
			"$tr"/exhaustion_bdevperf.plain/rpc_py.iobuf_get_stats.*.stdout.txt \
			"$tr"/iobuf_get_stats.idle.response.json; do
			seed "$t" "${f##*/}" <"$f"
		done
		;;
	theme_parse)
		for f in "$src"/themes/*.theme; do
			seed "$t" "${f##*/}" <"$f"
		done
		;;
	hugepages_read)
		# First byte even: a file's contents; odd: directory entry names, one per line.
		i=0
		while IFS= read -r f; do
			{ printf '\000'; cat "$f"; } | seed "$t" "file_$i"
			i=$((i + 1))
		done < <(find "$fx"/sysfs/4node "$fx"/procfs/4node "$fx"/sysfs/absent-size -type f \
			! -name README.md | sort)
		for d in "$fx"/sysfs/4node/kernel/mm/hugepages "$fx"/sysfs/4node/devices/system/node; do
			{ printf '\001'; ls -1 "$d"; } | seed "$t" "dir_${d##*/}"
		done
		;;
	dpdk_mem_dump)
		for f in "$fx"/rings/*.spdk_mem_dump.txt; do
			seed "$t" "${f##*/}" <"$f"
		done
		;;
	dpdk_ring)
		# Name length, name, zone length (u64 LE), capacity (u32 LE), the header bytes;
		# the zone's length is the dump's, the capacity the decoded fixture's.
		for f in "$fx"/rings/*.header.bin; do
			b=${f##*/}
			run=${b%%.*}
			zone=${b#*.}
			zone=${zone%.header.bin}
			perl -e 'my ($zone, $dump, $dec, $bin) = @ARGV;
				my ($len) = `grep -h "name:<$zone>" $dump` =~ /len:0x([0-9a-f]+)/;
				my ($cap) = `grep -h " $zone " $dec` =~ /capacity=(\d+)/;
				open(my $h, "<", $bin) or die; local $/; my $bytes = <$h>;
				print pack("C", length $zone), $zone, pack("Q<", hex $len),
					pack("L<", $cap), $bytes' \
				"$zone" "$fx/rings/$run.spdk_mem_dump.txt" "$fx/rings/$run.decoded.txt" "$f" |
				seed "$t" "$b"
		done
		;;
	config_patch)
		# 9 header bytes: flags (bit 7: also apply), four LE u16 values x 64.
		for f in "$fx"/configs/*.json "$tr"/save_config.iobuf_part.json; do
			{ printf '\203\000\002\100\000\000\000\000\000'; cat "$f"; } |
				seed "$t" "${f##*/}"
			{ printf '\017\000\001\000\001\200\000\000\010'; cat "$f"; } |
				seed "$t" "all_keys_${f##*/}"
		done
		;;
	*)
		echo "make_corpus.sh: unknown target $t" >&2
		exit 64
		;;
	esac
done
