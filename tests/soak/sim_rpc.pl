#!/usr/bin/perl
# sim_rpc.pl SOCKET METHOD [PARAMS_JSON]: one JSON-RPC call to the simulator
# (or any SPDK-style target) on a Unix socket; prints the reply's result as
# JSON and exits 0, or prints the error and exits 1.  Waits at most 5 s.
# Used by the soak to switch the simulator's scenario while the dashboard runs.
use strict;
use warnings;
use IO::Socket::UNIX;
use IO::Select;
use JSON::PP;

die "usage: $0 SOCKET METHOD [PARAMS_JSON]\n" if @ARGV < 2;
my ($path, $method, $params) = @ARGV;
my $json = JSON::PP->new->canonical;
my $req = { jsonrpc => "2.0", id => 1, method => $method };
$req->{params} = $json->decode($params) if defined $params;

my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM, Peer => $path)
	or die "$path: $!\n";
print $s $json->encode($req);
my $sel = IO::Select->new($s);
my $deadline = time + 5;
my $reply;
while (!defined $reply) {
	my $left = $deadline - time;
	die "$path: no reply to $method within 5 s\n" if $left <= 0 || !$sel->can_read($left);
	my $n = sysread($s, my $buf, 65536);
	die "$path: $method: connection closed before the reply\n" unless $n;
	$reply = $json->incr_parse($buf);
}
if (exists $reply->{error}) {
	print $json->encode($reply->{error}), "\n";
	exit 1;
}
print $json->encode($reply->{result}), "\n";
