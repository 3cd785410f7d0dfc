#!/bin/bash
# --prometheus (batch) and --prometheus-textfile against the real simulator:
# the exposition on stdout, the .prom file rewritten whole every tick, and
# --read-only refusing to write it.
source "$(dirname "$0")/lib.sh"

sim_start exh --scenario exhaustion
mt_run --once --prometheus -s "$SIM_SOCK"
assert_status 0 "--once --prometheus"
assert_contains "$OUT" "# TYPE spdk_memtop_iobuf_retries_total counter" "types"
assert_contains "$OUT" "spdk_memtop_up{target=\"$SIM_SOCK\"} 1" "up"
printf '%s\n' "$OUT" | grep -Eq "^spdk_memtop_iobuf_retries_total\{target=\"$SIM_SOCK\",module=\"bdev\",pool=\"large\"\} [1-9][0-9]*$" ||
	fail "no rising large retries for bdev in:
$OUT"
# Every line is a HELP, a TYPE or a sample.
bad=$(printf '%s\n' "$OUT" | grep -Ev '^(# (HELP|TYPE) spdk_memtop_[a-z_]+ .+|spdk_memtop_[a-z_]+\{target="[^"]*"(,[a-z_]+="[^"]*")*\} [-+0-9.e]+)$' || true)
assert_eq "" "$bad" "lines outside the format"
ok "--once --prometheus"

PROM=$MT_TMP/textfile/spdk.prom
mkdir -p "$MT_TMP/textfile"
mt_run -b -n 3 -d 0.2 --json -s "$SIM_SOCK" --prometheus-textfile "$PROM"
assert_status 0 "-b --prometheus-textfile"
[ -f "$PROM" ] || fail "no $PROM"
assert_contains "$(cat "$PROM")" "spdk_memtop_iobuf_pool_retries_total{target=\"$SIM_SOCK\",pool=\"large\"}" \
	"textfile"
assert_eq "$(ls "$MT_TMP/textfile")" "spdk.prom" "no temporary files left"
assert_eq "3" "$(printf '%s\n' "$OUT" | wc -l)" "stdout still has the 3 JSON lines"
ok "--prometheus-textfile in batch mode"

mt_run -b -n 2 -d 0.2 -s "$SIM_SOCK" --read-only --prometheus-textfile "$MT_TMP/ro.prom"
assert_status 0 "--read-only"
[ ! -e "$MT_TMP/ro.prom" ] || fail "--read-only wrote $MT_TMP/ro.prom"
assert_eq "spdk-memtop: prometheus textfile: refused: --read-only (nothing was sent or written)" \
	"$ERR" "said once"
ok "--read-only refuses the textfile, once"

mt_run -b -n 1 -s "$SIM_SOCK" --prometheus-textfile "$MT_TMP/none/x.prom"
assert_contains "$ERR" "none/x.prom: cannot create a temporary file next to it" "bad dir"
ok "a directory that is not there is named"

# docs/metrics.md documents every family; the examples use no other name.
DOCS=${MEMTOP_SOURCE_DIR:?}/docs
mt_run --once --prometheus -s "$SIM_SOCK"
families=$(printf '%s\n' "$OUT" | sed -n 's/^# TYPE \([a-z_]*\) .*/\1/p')
for f in $families; do
	grep -q "\`$f\`" "$DOCS/metrics.md" || fail "$f is not in docs/metrics.md"
done
for f in $(grep -oh 'spdk_memtop_[a-z_]*' "$DOCS/examples/prometheus-alerts.yml" \
	"$DOCS/examples/grafana-dashboard.json" | sort -u); do
	printf '%s\n' "$families" | grep -qx "$f" || fail "docs/examples use $f, which is not exported"
done
ok "docs/metrics.md and docs/examples match the exposition"

# The example rules: promtool checks their syntax and runs them against
# series shaped as exported (tests/fixtures/prometheus/alerts.test.yml: each
# rule fires where the dashboard's would and not where it would not).
# Without promtool, at least the YAML must parse and name its rules.
RULES=$DOCS/examples/prometheus-alerts.yml
if command -v promtool >/dev/null 2>&1; then
	promtool check rules "$RULES" >"$MT_TMP/promtool.out" 2>&1 ||
		fail "promtool check rules: $(cat "$MT_TMP/promtool.out")"
	(cd "$MEMTOP_FIXTURES/prometheus" && promtool test rules alerts.test.yml) \
		>"$MT_TMP/promtool.out" 2>&1 ||
		fail "promtool test rules: $(cat "$MT_TMP/promtool.out")"
	ok "docs/examples/prometheus-alerts.yml: promtool check and test rules"
elif command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null; then
	python3 - "$RULES" <<'PY' || fail "$RULES does not parse as alerting rules"
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
rules = [r for g in doc["groups"] for r in g["rules"]]
for r in rules:
    assert r["alert"] and r["expr"].strip(), r
    assert r["labels"]["severity"] in ("warning", "critical"), r
names = {r["alert"] for r in rules}
for n in ("SpdkIobufPoolExhausted", "SpdkHugepagesLow", "SpdkHugepagesImbalanced",
          "SpdkIobufPoolLeak", "SpdkNoIobufData", "SpdkTargetUnreachable"):
    assert n in names, n
PY
	ok "docs/examples/prometheus-alerts.yml parses (no promtool: rules not run)"
else
	ok "docs/examples/prometheus-alerts.yml not checked: neither promtool nor python3 yaml"
fi
