#!/bin/bash
# What a hostile reply costs: a peer answers iobuf_get_stats with SHAPE (every
# other method with "Method not found"), and `spdk-memtop --once -t 30` runs
# against it under /usr/bin/time.  Prints the shape, the reply's size, the
# wall and CPU time, the peak RSS and what --once said about iobuf_get_stats.  The
# figures of docs/RELIABILITY.md ("Reply budgets") come from here.
#
#   bench/reply_budget.sh BUILD_DIR [SHAPE...]
#   SHAPE: dense31   31 MB of [{},{},...] (10 million values: over the budget)
#          budget    199,990 empty objects (just under the 200,000-value budget)
#          modules   10,000 valid modules (190,000 values, all kept but 32)
#          deep      65 nested arrays (over the depth budget of 64)
#          big32     a 32 MiB string (SPDK's size limit, accepted)
#          over32    32 MiB + 1 byte (refused by size)
set -euo pipefail

build=${1:?usage: reply_budget.sh BUILD_DIR [SHAPE...]}
shift
[ $# -gt 0 ] || set -- dense31 budget modules deep big32 over32
bin=$build/spdk-memtop
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
peer=
cleanup() {
	[ -z "$peer" ] || { kill "$peer" 2>/dev/null; wait "$peer" 2>/dev/null || true; }
	rm -rf "$tmp"
}
trap cleanup EXIT

# The peer: one reply shape, written whole; reads requests line by line by id.
cat >"$tmp/peer.pl" <<'PERL'
use strict;
use warnings;
use IO::Socket::UNIX;
use IO::Select;
use JSON::PP;
$SIG{PIPE} = 'IGNORE';
my ($shape, $path) = @ARGV;
my $mod = '{"module":"m%d","small_pool":{"cache":1,"main":2,"retry":3},'
	. '"large_pool":{"cache":1,"main":2,"retry":3}}';
my %result = (
	dense31 => sub { '[' . join(',', ('{}') x 10_333_000) . ']' },
	budget  => sub { '[' . join(',', ('{}') x 199_990) . ']' },
	modules => sub { '[' . join(',', map { sprintf($mod, $_) } 1 .. 10_000) . ']' },
	deep    => sub { ('[' x 65) . (']' x 65) },
	big32   => sub { '' },
	over32  => sub { '' },
);
# The string shapes are sized per reply: exactly 32 MiB, or one byte more, with the id.
my %size = (big32 => 32 * 1024 * 1024, over32 => 32 * 1024 * 1024 + 1);
die "unknown shape $shape\n" unless $result{$shape};
my $body = $result{$shape}->();
unlink $path;
my $srv = IO::Socket::UNIX->new(Type => SOCK_STREAM, Local => $path, Listen => 8) or die "$path: $!\n";
if (open(my $ready, '>&=', 3)) { print $ready 'R'; close $ready; }
my $sel = IO::Select->new($srv);
my %json;
while (1) {
	for my $fh ($sel->can_read) {
		if ($fh == $srv) {
			my $c = $srv->accept or next;
			$sel->add($c);
			$json{$c} = JSON::PP->new;
			next;
		}
		my $n = sysread($fh, my $chunk, 65536);
		if (!$n) { $sel->remove($fh); delete $json{$fh}; close $fh; next }
		for my $req ($json{$fh}->incr_parse($chunk)) {
			my ($m, $id) = ($req->{method}, $req->{id});
			my $head = qq({"jsonrpc":"2.0","id":$id,"result":);
			$body = '"' . ('a' x ($size{$shape} - length($head) - 3)) . '"'
				if $size{$shape};
			my $r = $m eq 'iobuf_get_stats' ? qq($head$body}) :
				qq({"jsonrpc":"2.0","id":$id,"error":{"code":-32601,"message":"Method not found"}});
			my $off = 0;
			while ($off < length $r) {
				my $w = syswrite($fh, $r, 1 << 20, $off);
				last unless defined $w;
				$off += $w;
			}
		}
	}
}
PERL

printf '%-8s %10s %7s %7s %7s  %s\n' shape bytes wall_s cpu_s rss_mb "iobuf_get_stats"
for shape in "$@"; do
	sock=$tmp/$shape.sock
	mkfifo "$tmp/ready"
	perl "$tmp/peer.pl" "$shape" "$sock" 3>"$tmp/ready" &
	peer=$!
	read -r -t 120 -N 1 _ <"$tmp/ready"
	rm -f "$tmp/ready"
	/usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$bin" -s "$sock" -t 30 --once \
		--sysfs-root "$src/tests/fixtures/sysfs/1node" --procfs-root "$src/tests/fixtures/procfs/1node" \
		>"$tmp/out" 2>"$tmp/err" || true
	read -r wall usr sys rss < <(tail -n 1 "$tmp/time")
	said=$(grep -h -m1 -o 'iobuf_get_stats[^"]*' "$tmp/out" "$tmp/err" | head -1 | cut -c1-110)
	case $shape in
	dense31) bytes=$((10333000 * 3 + 36)) ;;
	big32) bytes=$((32 * 1024 * 1024)) ;;
	over32) bytes=$((32 * 1024 * 1024 + 1)) ;;
	*) bytes=- ;;
	esac
	printf '%-8s %10s %7s %7s %7s  %s\n' "$shape" "$bytes" "$wall" "$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" "$((rss / 1024))" "${said:-(no error: decoded)}"
	kill "$peer" 2>/dev/null || true
	wait "$peer" 2>/dev/null || true
	peer=
done
