#!/bin/bash
# The rooms hold only while every quoted include names a bare header: the
# include dirs decide what a room sees, and a path ("../../include/app/x.h",
# "app/x.h") would walk past them.  Fails naming file:line of each such
# include in the C sources and headers under the given root (the source
# tree: src, include, tests, bench).
root=${1:?usage: no_path_includes.sh SOURCE_DIR}
cd "$root" || exit 2
dirs=()
for d in src include tests bench; do
	[ -d "$d" ] && dirs+=("$d")
done
[ ${#dirs[@]} -gt 0 ] || { echo "no source directories under $root" >&2; exit 2; }
found=$(grep -rnE --include='*.c' --include='*.h' '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^"]*/' \
	"${dirs[@]}")
rc=$?
if [ $rc -eq 0 ]; then
	echo "quoted includes with a path (name the bare header; CMake's include dirs find it):" >&2
	echo "$found" >&2
	exit 1
fi
[ $rc -eq 1 ] || exit 2   # grep itself failed
echo "no quoted include with a path in ${dirs[*]}"
