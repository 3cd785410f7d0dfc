/* ui_term: refuses non-terminals, takes a pty, turns signals into events, restores everything. */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "check_main.h"
#include "ui_term.h"

START_TEST(test_want_mono)
{
	ck_assert(!ui_term_want_mono(false, NULL));
	ck_assert(!ui_term_want_mono(false, ""));       /* set but empty: colour stays on */
	ck_assert(ui_term_want_mono(false, "1"));
	ck_assert(ui_term_want_mono(false, "0"));       /* any non-empty value, per no-color.org */
	ck_assert(ui_term_want_mono(true, NULL));
	ck_assert(ui_term_want_mono(true, ""));
}
END_TEST

/* Check forks each test, so replacing fd 0/1 here cannot disturb the runner. */
START_TEST(test_refuses_pipe_stdout)
{
	struct ui_term t;
	struct ui_term_options o = { 0 };
	struct mt_err err = { 0 };
	int p[2];
	sigset_t before, after;

	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_ge(dup2(p[1], STDOUT_FILENO), 0);
	sigprocmask(SIG_SETMASK, NULL, &before);
	ck_assert_int_eq(ui_term_open(&t, &o, &err), -1);
	ck_assert_int_eq(err.code, -ENOTTY);
	ck_assert_str_eq(err.msg, UI_TERM_NOT_A_TTY);
	ck_assert_ptr_nonnull(strstr(err.msg, "--once"));
	sigprocmask(SIG_SETMASK, NULL, &after);
	ck_assert_int_eq(sigismember(&after, SIGTERM), sigismember(&before, SIGTERM));
	ui_term_close(&t);   /* harmless on a terminal that was never taken */
}
END_TEST

static int open_pty(int *master, int *slave, int cols, int rows)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };

	*master = posix_openpt(O_RDWR | O_NOCTTY);
	if (*master < 0 || grantpt(*master) || unlockpt(*master))
		return -1;
	*slave = open(ptsname(*master), O_RDWR | O_NOCTTY);
	if (*slave < 0)
		return -1;
	return ioctl(*slave, TIOCSWINSZ, &ws);
}

/* An 80x24 pty as standard input and output; returns the master side. */
static int pty_as_stdio(int *slave)
{
	int master;

	ck_assert_int_eq(open_pty(&master, slave, 80, 24), 0);
	ck_assert_int_ge(dup2(*slave, STDOUT_FILENO), 0);
	ck_assert_int_ge(dup2(*slave, STDIN_FILENO), 0);
	return master;
}

START_TEST(test_refuses_non_tty_stdin)
{
	struct ui_term t;
	struct ui_term_options o = { 0 };
	struct mt_err err = { 0 };
	int master, slave, devnull = open("/dev/null", O_RDONLY);

	ck_assert_int_eq(open_pty(&master, &slave, 80, 24), 0);
	ck_assert_int_ge(dup2(slave, STDOUT_FILENO), 0);
	ck_assert_int_ge(dup2(devnull, STDIN_FILENO), 0);
	ck_assert_int_eq(ui_term_open(&t, &o, &err), -1);
	ck_assert_str_eq(err.msg, UI_TERM_STDIN_NOT_A_TTY);
}
END_TEST

/* Drains what curses wrote, so the pty never fills while the test runs. */
static void drain(int master)
{
	char buf[4096];
	struct pollfd p = { .fd = master, .events = POLLIN };

	while (poll(&p, 1, 0) == 1 && (p.revents & POLLIN) && read(master, buf, sizeof(buf)) > 0)
		;
}

static unsigned wait_signals(struct ui_term *t, int *signo)
{
	struct pollfd p = { .fd = t->sigfd, .events = POLLIN };

	ck_assert_int_eq(poll(&p, 1, 2000), 1);   /* a raised signal is pending at once */
	return ui_term_read_signals(t, signo);
}

START_TEST(test_open_signals_close)
{
	struct ui_term t;
	struct ui_term_options o = { .ascii = true, .no_color = true, .no_color_env = NULL };
	struct mt_err err = { 0 };
	struct termios before, after;
	struct winsize ws = { .ws_row = 30, .ws_col = 100 };
	sigset_t mask_before, mask_after;
	int master, slave, signo = 0;
	unsigned ev;

	master = pty_as_stdio(&slave);
	setenv("TERM", "xterm", 1);
	ck_assert_int_eq(tcgetattr(STDIN_FILENO, &before), 0);
	sigprocmask(SIG_SETMASK, NULL, &mask_before);

	ck_assert_msg(ui_term_open(&t, &o, &err) == 0, "%s", err.msg);
	drain(master);
	ck_assert(t.open);
	ck_assert(t.mono);
	ck_assert(!t.has_colors);          /* monochrome never starts colour */
	ck_assert_int_eq(t.glyphs, GLYPHS_ASCII);
	ck_assert_int_eq(COLS, 80);
	ck_assert_int_eq(LINES, 24);
	ck_assert_int_eq(ESCDELAY, 25);
	ck_assert_int_eq(getch(), ERR);    /* non-blocking: nothing typed, no wait */

	raise(SIGWINCH);                   /* blocked: it waits in the signalfd */
	ioctl(slave, TIOCSWINSZ, &ws);
	ev = wait_signals(&t, &signo);
	ck_assert_uint_eq(ev & UI_TERM_EV_RESIZE, UI_TERM_EV_RESIZE);
	ck_assert_int_eq(COLS, 100);
	ck_assert_int_eq(LINES, 30);

	raise(SIGCONT);
	ck_assert_uint_eq(wait_signals(&t, &signo), UI_TERM_EV_REPAINT);

	raise(SIGTERM);                    /* would kill us were it not blocked */
	ev = wait_signals(&t, &signo);
	ck_assert_uint_eq(ev, UI_TERM_EV_QUIT);
	ck_assert_int_eq(signo, SIGTERM);
	ck_assert_uint_eq(ui_term_read_signals(&t, &signo), UI_TERM_EV_NONE);

	ui_term_close(&t);
	drain(master);
	ck_assert(!t.open);
	ck_assert_int_eq(t.sigfd, -1);
	ck_assert_int_eq(tcgetattr(STDIN_FILENO, &after), 0);
	ck_assert_uint_eq(after.c_lflag, before.c_lflag);
	ck_assert_uint_eq(after.c_iflag, before.c_iflag);
	ck_assert_uint_eq(after.c_oflag, before.c_oflag);
	sigprocmask(SIG_SETMASK, NULL, &mask_after);
	ck_assert_int_eq(sigismember(&mask_after, SIGTERM), sigismember(&mask_before, SIGTERM));
	ck_assert_int_eq(sigismember(&mask_after, SIGWINCH), sigismember(&mask_before, SIGWINCH));
	ui_term_close(&t);                 /* twice is harmless */
}
END_TEST

/* Bytes the program wrote to the pty so far (0 when nothing is pending). */
static size_t pending_output(int master)
{
	char buf[4096];
	struct pollfd p = { .fd = master, .events = POLLIN };
	size_t n = 0;
	ssize_t r;

	while (poll(&p, 1, 50) == 1 && (p.revents & POLLIN) &&
	       (r = read(master, buf, sizeof(buf))) > 0)
		n += (size_t)r;
	return n;
}

/* Refused before the screen is taken: no byte written, the signal mask as it was. */
static void assert_refused(int master, const char *term, const char *why)
{
	struct ui_term t;
	struct ui_term_options o = { 0 };
	struct mt_err err = { 0 };
	sigset_t before, after;
	char want[128];

	if (term)
		setenv("TERM", term, 1);
	else
		unsetenv("TERM");
	sigprocmask(SIG_SETMASK, NULL, &before);
	ck_assert_int_eq(ui_term_open(&t, &o, &err), -1);
	snprintf(want, sizeof(want), "TERM=%s: ", term && term[0] ? term : "(unset)");
	ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
	ck_assert_msg(strstr(err.msg, why), "%s", err.msg);
	ck_assert_msg(strstr(err.msg, UI_TERM_HINT), "%s", err.msg);
	ck_assert_ptr_nonnull(strstr(err.msg, "--once"));
	ck_assert_ptr_nonnull(strstr(err.msg, "-b"));
	ck_assert(!t.open);
	ck_assert_int_eq(t.sigfd, -1);
	sigprocmask(SIG_SETMASK, NULL, &after);
	ck_assert_int_eq(sigismember(&after, SIGTERM), sigismember(&before, SIGTERM));
	ck_assert_uint_eq(pending_output(master), 0);
	ui_term_close(&t);
}

/*
 * The child of test_ctrl_z: the dashboard's terminal on the pty, one line
 * to the parent when it is ready and one per event after, until a repaint.
 */
static void ctrl_z_child(int report)
{
	struct ui_term t;
	struct ui_term_options o = { .ascii = true, .no_color = true };
	struct mt_err err = { 0 };
	struct sigaction act;
	sigset_t mask;
	int slave, signo = 0;
	unsigned ev;

	/* Its own process group: in an orphaned one the kernel would not stop it. */
	setpgid(0, 0);
	pty_as_stdio(&slave);
	setenv("TERM", "xterm", 1);
	if (ui_term_open(&t, &o, &err))
		_exit(2);
	/*
	 * Blocked and read from the signalfd, with a handler that is not
	 * SIG_DFL: ncurses then installs none of its own, which it would swap
	 * around every frame.
	 */
	sigprocmask(SIG_SETMASK, NULL, &mask);
	sigaction(SIGTSTP, NULL, &act);
	if (write(report, !sigismember(&mask, SIGTSTP) ? "U" : act.sa_handler == SIG_DFL ? "D" : "r",
		  1) != 1)
		_exit(3);
	do {
		ev = wait_signals(&t, &signo);
	} while (!(ev & UI_TERM_EV_REPAINT));
	/* Drawn again after the return: curses takes the alternate screen back. */
	mvaddstr(0, 0, "back");
	refresh();
	ui_term_close(&t);
	_exit(write(report, "R", 1) == 1 ? 0 : 4);
}

/* Ctrl-Z gives the terminal back, stops the process as SIGTSTP does, and it repaints on fg. */
START_TEST(test_ctrl_z)
{
	int report[2], status;
	char c = 0;
	pid_t pid;

	ck_assert_int_eq(pipe(report), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(report[0]);
		ctrl_z_child(report[1]);
	}
	close(report[1]);
	ck_assert_int_eq(read(report[0], &c, 1), 1);
	ck_assert_msg(c == 'r', "%s", c == 'U' ? "SIGTSTP is not blocked: ncurses' handler takes it" :
		      "SIGTSTP's disposition is SIG_DFL: ncurses will take it over");
	ck_assert_int_eq(kill(pid, SIGTSTP), 0);
	ck_assert_int_eq(waitpid(pid, &status, WUNTRACED), pid);
	ck_assert_msg(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTSTP,
		      "not stopped by SIGTSTP (status %#x)", status);
	ck_assert_int_eq(kill(pid, SIGCONT), 0);
	ck_assert_int_eq(read(report[0], &c, 1), 1);
	ck_assert_int_eq(c, 'R');
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
	close(report[0]);
}
END_TEST

START_TEST(test_refuses_unusable_term)
{
	struct ui_term t;
	struct ui_term_options o = { .ascii = true, .no_color = true };
	struct mt_err err = { 0 };
	int master, slave;

	master = pty_as_stdio(&slave);
	assert_refused(master, "dumb", "cannot move the cursor (no cup in terminfo)");
	assert_refused(master, NULL, "unknown terminal type");
	assert_refused(master, "", "unknown terminal type");
	assert_refused(master, "no-such-terminal-xyz", "unknown terminal type");

	/* Control: a terminal with cup opens on the same pty and does write. */
	setenv("TERM", "vt100", 1);
	ck_assert_msg(ui_term_open(&t, &o, &err) == 0, "%s", err.msg);
	ck_assert_uint_gt(pending_output(master), 0);
	ui_term_close(&t);
	drain(master);
}
END_TEST

/* Each signal whose default action ends the process is an event, never a death in curses. */
START_TEST(test_every_ending_signal_is_an_event)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM,
				    SIGVTALRM, SIGPROF, SIGIO, SIGPWR };
	struct ui_term t;
	struct ui_term_options o = { .ascii = true, .no_color = true };
	struct mt_err err = { 0 };
	int master, slave;

	master = pty_as_stdio(&slave);
	setenv("TERM", "xterm", 1);
	ck_assert_msg(ui_term_open(&t, &o, &err) == 0, "%s", err.msg);
	drain(master);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		int signo = 0;

		raise(sigs[i]);              /* would end the test were it not blocked */
		ck_assert_uint_eq(wait_signals(&t, &signo), UI_TERM_EV_QUIT);
		ck_assert_int_eq(signo, sigs[i]);
	}
	ui_term_close(&t);
	drain(master);
}
END_TEST

START_TEST(test_utf8_and_colour)
{
	struct ui_term t;
	struct ui_term_options o = { 0 };
	struct mt_err err = { 0 };
	int master, slave;

	master = pty_as_stdio(&slave);
	setenv("TERM", "xterm-256color", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	ck_assert_msg(ui_term_open(&t, &o, &err) == 0, "%s", err.msg);
	drain(master);
	ck_assert_int_eq(t.glyphs, GLYPHS_UTF8);
	ck_assert(!t.mono);
	ck_assert(t.has_colors);
	ck_assert_int_ge(t.ncolors, 8);
	ui_term_close(&t);

	/* --ascii wins over a UTF-8 locale; NO_COLOR turns colour off. */
	o.ascii = true;
	o.no_color_env = "1";
	ck_assert_msg(ui_term_open(&t, &o, &err) == 0, "%s", err.msg);
	drain(master);
	ck_assert_int_eq(t.glyphs, GLYPHS_ASCII);
	ck_assert(t.mono);
	ck_assert(!t.has_colors);
	ui_term_close(&t);
	drain(master);
}
END_TEST

/* Packets waiting on a SOCK_SEQPACKET socket, read and counted: one per write(2). */
static int count_writes(int fd)
{
	char buf[65536];
	int n = 0;

	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		n++;
	return n;
}

/*
 * A frame that changes three runs far apart reaches the terminal in one
 * write: ncurses flushes at every cursor move until ui_term_settle.  The
 * terminal is a SOCK_SEQPACKET socket, which keeps each write a packet.
 */
START_TEST(test_frame_is_one_write)
{
	struct sigaction oldtstp;
	FILE *out, *in;
	SCREEN *scr;
	int sv[2];

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	out = fdopen(sv[0], "w");
	in = fopen("/dev/null", "r");
	ck_assert(out && in);
	scr = ui_term_newterm("xterm-256color", out, in, &oldtstp);
	ck_assert_msg(scr, "newterm(xterm-256color) failed: is terminfo installed?");
	set_term(scr);
	ui_term_settle();
	resizeterm(24, 80);
	mvaddstr(1, 2, "first");
	mvaddstr(10, 40, "second");
	mvaddstr(20, 70, "third");
	refresh();
	count_writes(sv[1]);

	mvaddstr(1, 2, "FIRST");
	mvaddstr(10, 40, "SECOND");
	mvaddstr(20, 70, "THIRD");
	refresh();
	ck_assert_int_eq(count_writes(sv[1]), 1);

	endwin();
	delscreen(scr);
	sigaction(SIGTSTP, &oldtstp, NULL);
	fclose(out);
	fclose(in);
	close(sv[1]);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ui_term");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_want_mono);
	tcase_add_test(tc, test_refuses_pipe_stdout);
	tcase_add_test(tc, test_refuses_non_tty_stdin);
	tcase_add_test(tc, test_open_signals_close);
	tcase_add_test(tc, test_ctrl_z);
	tcase_add_test(tc, test_refuses_unusable_term);
	tcase_add_test(tc, test_every_ending_signal_is_an_event);
	tcase_add_test(tc, test_utf8_and_colour);
	tcase_add_test(tc, test_frame_is_one_write);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
