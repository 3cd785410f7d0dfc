#!/usr/bin/perl
# One JSON-RPC request to a Unix socket, its reply on stdout:
#   sim_rpc.pl SOCKET METHOD [PARAMS-JSON]
# For the simulator's own methods (sim_set_fault, sim_set_scenario) in tests,
# where no rpc.py or socat may be installed.  Exits 1 when it cannot connect
# or no reply line came within 5 s.
use strict;
use warnings;
use IO::Socket::UNIX;
use IO::Select;

my ($path, $method, $params) = @ARGV;
die "usage: sim_rpc.pl SOCKET METHOD [PARAMS-JSON]\n" unless $path && $method;
my $req = qq({"jsonrpc":"2.0","id":1,"method":"$method") .
	(defined $params ? qq(,"params":$params) : '') . "}\n";
my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM, Peer => $path)
	or die "sim_rpc: $path: $!\n";
syswrite($s, $req) == length($req) or die "sim_rpc: $path: short write\n";
my $sel = IO::Select->new($s);
my $reply = '';
while ($reply !~ /\n/) {
	$sel->can_read(5) or die "sim_rpc: $path: no reply to $method within 5 s\n";
	my $n = sysread($s, my $chunk, 65536);
	die "sim_rpc: $path: closed before replying to $method\n" unless $n;
	$reply .= $chunk;
}
print $reply;
