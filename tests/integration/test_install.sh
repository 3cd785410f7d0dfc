#!/bin/bash
# `cmake --install` into a temporary prefix: both binaries, the themes, the
# man pages; the installed spdk-memtop looks for themes in its own
# PREFIX/share, runs against the installed simulator (--demo) and reads a
# theme from there.
source "$(dirname "$0")/lib.sh"

BUILD=$(dirname "$(dirname "$MEMTOP_BIN")")
[ -f "$BUILD/CMakeCache.txt" ] || BUILD=$(dirname "$MEMTOP_BIN")
[ -f "$BUILD/CMakeCache.txt" ] || fail "no build directory above $MEMTOP_BIN"
PREFIX=$MT_TMP/prefix
cmake --install "$BUILD" --prefix "$PREFIX" >"$MT_TMP/install.log" 2>&1 ||
	fail "cmake --install failed: $(cat "$MT_TMP/install.log")"

for f in bin/spdk-memtop bin/spdk-memtop-sim share/man/man1/spdk-memtop.1 \
	share/man/man1/spdk-memtop-sim.1; do
	[ -s "$PREFIX/$f" ] || fail "not installed: $f"
done
for t in "${MEMTOP_SOURCE_DIR:?}"/themes/*.theme; do
	cmp -s "$t" "$PREFIX/share/spdk-memtop/themes/$(basename "$t")" ||
		fail "theme $(basename "$t") not installed"
done
ok "binaries, themes and man pages installed"

MEMTOP_BIN=$PREFIX/bin/spdk-memtop
mt_run --version
assert_status 0 "installed --version"
mt_run --theme no-such-theme
assert_status 64 "unknown theme"
assert_contains "$ERR" "$PREFIX/share/spdk-memtop/themes" "the installed binary looks in its prefix"
# A theme only the installed directory has is found there: the theme check
# passes and the dashboard stops only because stdout is no terminal.
sed 's/^name *=.*/name = installed-only/' "$PREFIX/share/spdk-memtop/themes/mono.theme" \
	>"$PREFIX/share/spdk-memtop/themes/installed-only.theme"
mt_run --theme installed-only -s "$MT_TMP/none.sock" </dev/null
assert_status 1 "installed-only theme"
assert_contains "$ERR" "standard output is not a terminal" "theme found, then no terminal"
assert_not_contains "$ERR" "installed-only" "no complaint about the theme"
mt_run --once --demo --demo-scenario idle
assert_status 0 "installed binary with the installed simulator"
assert_contains "$OUT" "state running" "the demo ran through the installed simulator"
ok "the installed binary finds its themes and its simulator"
