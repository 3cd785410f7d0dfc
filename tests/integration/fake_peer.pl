#!/usr/bin/perl
# A target that answers something other than SPDK, for the exit-status tests:
#   fake_peer.pl MODE SOCKET     MODE: garbage | http | errors
# garbage: bytes that are not JSON; http: an HTTP error and a close; errors:
# a JSON-RPC error ("Method not found") to every request, matched by id.
# Writes "R" to fd 3 once listening (as spdk-memtop-sim --ready-fd 3 does),
# then serves until it is terminated.
use strict;
use warnings;
use IO::Socket::UNIX;
use IO::Select;
use IO::Handle;

my ($mode, $path) = @ARGV;
die "usage: fake_peer.pl garbage|http|errors SOCKET\n"
	unless $path && $mode =~ /^(garbage|http|errors)$/;
unlink $path;
my $srv = IO::Socket::UNIX->new(Type => SOCK_STREAM, Local => $path, Listen => 8)
	or die "fake_peer: $path: $!\n";
if (open(my $ready, '>&=', 3)) {
	print $ready 'R';
	close $ready;
}
my $sel = IO::Select->new($srv);
my %buf;
while (1) {
	for my $fh ($sel->can_read) {
		if ($fh == $srv) {
			my $c = $srv->accept or next;
			$c->autoflush(1);
			$sel->add($c);
			$buf{$c} = '';
			next;
		}
		my $n = sysread($fh, my $chunk, 65536);
		if (!$n) {
			$sel->remove($fh);
			delete $buf{$fh};
			close $fh;
			next;
		}
		if ($mode eq 'garbage') {
			syswrite($fh, "\x01\x02\xff not JSON at all\n");
		} elsif ($mode eq 'http') {
			syswrite($fh, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n" .
				"Connection: close\r\n\r\n");
			$sel->remove($fh);
			delete $buf{$fh};
			close $fh;
		} else {
			$buf{$fh} .= $chunk;
			while ($buf{$fh} =~ s/^.*?"id"\s*:\s*(\d+)//s) {
				syswrite($fh, qq({"jsonrpc":"2.0","id":$1,) .
					qq("error":{"code":-32601,"message":"Method not found"}}\n));
			}
		}
	}
}
