#!/usr/bin/perl
# cells.pl: a `tmux capture-pane -p -e -N` screen as what a viewer sees,
# cell by cell, one line per row: each cell as its character, its
# attributes and the colours that show.  A blank cell shows no foreground
# (its background, or its foreground under reverse video, and an underline
# are what show), so two screens that differ only in the foreground of
# blank cells (an erased line against one written with spaces) read alike.
# Usage: cells.pl COLUMNS: each row is made up to COLUMNS cells with default
# blanks, which is what a cell never written shows.
use strict;
use warnings;
use utf8;
binmode(STDIN, ':encoding(UTF-8)');
binmode(STDOUT, ':encoding(UTF-8)');

my %a;

sub reset_all { %a = (fg => 'd', bg => 'd', map { $_ => 0 } qw(bold dim ul blink rev hid it st)); }
reset_all();

sub sgr {
	my @p = map { $_ eq '' ? 0 : $_ } split /;/, $_[0], -1;
	@p = (0) unless @p;
	while (@p) {
		my $n = shift @p;
		if ($n == 0) { reset_all(); }
		elsif ($n == 1) { $a{bold} = 1 }
		elsif ($n == 2) { $a{dim} = 1 }
		elsif ($n == 3) { $a{it} = 1 }
		elsif ($n == 4) { $a{ul} = 1 }
		elsif ($n == 5) { $a{blink} = 1 }
		elsif ($n == 7) { $a{rev} = 1 }
		elsif ($n == 8) { $a{hid} = 1 }
		elsif ($n == 9) { $a{st} = 1 }
		elsif ($n == 22) { $a{bold} = 0; $a{dim} = 0 }
		elsif ($n == 23) { $a{it} = 0 }
		elsif ($n == 24) { $a{ul} = 0 }
		elsif ($n == 25) { $a{blink} = 0 }
		elsif ($n == 27) { $a{rev} = 0 }
		elsif ($n == 28) { $a{hid} = 0 }
		elsif ($n == 29) { $a{st} = 0 }
		elsif ($n >= 30 && $n <= 37) { $a{fg} = $n - 30 }
		elsif ($n >= 90 && $n <= 97) { $a{fg} = $n - 90 + 8 }
		elsif ($n >= 40 && $n <= 47) { $a{bg} = $n - 40 }
		elsif ($n >= 100 && $n <= 107) { $a{bg} = $n - 100 + 8 }
		elsif ($n == 39) { $a{fg} = 'd' }
		elsif ($n == 49) { $a{bg} = 'd' }
		elsif ($n == 38 || $n == 48) {
			my $k = $n == 38 ? 'fg' : 'bg';
			my $mode = shift @p // 5;
			$a{$k} = $mode == 5 ? (shift @p // 0) : join(',', splice(@p, 0, 3));
		}
	}
}

sub cell {
	my ($ch) = @_;
	my $flags = join '', map { $a{$_} ? substr($_, 0, 2) : '' } qw(bold dim ul blink rev hid it st);
	my ($fg, $bg) = ($a{fg}, $a{bg});
	if ($ch eq ' ') {
		# What shows of a blank: under reverse its foreground, else its background.
		if ($a{rev}) { $bg = 'x' } else { $fg = 'x' }
		$flags = join '', map { $a{$_} ? substr($_, 0, 2) : '' } qw(ul rev st);
	}
	return "$ch\[$flags:$fg:$bg]";
}

my $cols = shift @ARGV // 0;

while (my $line = <STDIN>) {
	chomp $line;
	my @out;
	while (length $line) {
		if ($line =~ s/^\e\[([0-9;]*)m//) {
			sgr($1);
		} elsif ($line =~ s/^\e[()][0-9A-Za-z]//) {
			# a character set designation: nothing a cell shows
		} elsif ($line =~ s/^(\X)//) {
			push @out, cell($1);
		}
	}
	push @out, " [:x:d]" while @out < $cols;
	print join('', @out), "\n";
}
