#!/usr/bin/perl
# How long a key takes to show on the screen, measured at the pty: run by
# `tmux pipe-pane -IO` (stdout is typed into the pane, the pane's output is
# stdin), so no tmux client start-up is counted.
#   key_probe.pl KEY TEXT LIMIT_MS OUTFILE
# Drops what the pane printed before, types KEY, reads the pane's output until
# TEXT appears in it, and writes the milliseconds to OUTFILE (-1: not within
# LIMIT_MS).  TEXT must come out in one piece: curses may move the cursor over
# a blank instead of printing it, so give a word without spaces.
use strict;
use warnings;
use Time::HiRes qw(time);
use IO::Select;

my ($key, $want, $limit_ms, $out) = @ARGV;
die "usage: key_probe.pl KEY TEXT LIMIT_MS OUTFILE\n" unless defined $out;
binmode STDIN;
binmode STDOUT;
my $sel = IO::Select->new(\*STDIN);
while ($sel->can_read(0)) {
	last unless sysread(STDIN, my $old, 65536);
}
my $t0 = time;
syswrite(STDOUT, $key);
my ($seen, $ms) = ('', -1);
while ((time - $t0) * 1000 < $limit_ms) {
	next unless $sel->can_read(0.01);
	last unless sysread(STDIN, my $chunk, 65536);
	# Keep a tail long enough to hold TEXT split over two reads.
	$seen = substr($seen . $chunk, -(length($chunk) + length($want)));
	if (index($seen, $want) >= 0) {
		$ms = int((time - $t0) * 1000 + 0.5);
		last;
	}
}
open(my $fh, '>', "$out.tmp") or die "key_probe: $out.tmp: $!\n";
print $fh "$ms\n";
close $fh;
rename("$out.tmp", $out) or die "key_probe: $out: $!\n";
