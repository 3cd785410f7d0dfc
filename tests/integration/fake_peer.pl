#!/usr/bin/perl
# A target that answers something other than SPDK, for the exit-status tests:
#   fake_peer.pl MODE SOCKET     MODE: garbage | http | errors | errstr
# garbage: bytes that are not JSON; http: an HTTP error (keep-alive); errors:
# a JSON-RPC error ("Method not found") to every request, matched by id;
# errstr: the same with "error" a string, not an object.
# Writes "R" to fd 3 once listening (as spdk-memtop-sim --ready-fd 3 does),
# then serves until it is terminated.
use strict;
use warnings;
use IO::Socket::UNIX;
use IO::Select;
use IO::Handle;

# A client that drops the connection mid-reply (as spdk-memtop does on garbage)
# must not kill the peer with SIGPIPE: the next round would find no listener.
$SIG{PIPE} = 'IGNORE';

my ($mode, $path) = @ARGV;
die "usage: fake_peer.pl garbage|http|errors|errstr SOCKET\n"
	unless $path && $mode =~ /^(garbage|http|errors|errstr)$/;
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
			# Keep-alive: a close would make some rounds "unreachable" (exit 3)
			# depending on timing, and this peer is for the exit status 4.
			syswrite($fh, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
		} else {
			$buf{$fh} .= $chunk;
			my $error = $mode eq 'errors' ?
				'{"code":-32601,"message":"Method not found"}' : '"boom"';
			while ($buf{$fh} =~ s/^.*?"id"\s*:\s*(\d+)//s) {
				syswrite($fh, qq({"jsonrpc":"2.0","id":$1,"error":$error}\n));
			}
		}
	}
}
