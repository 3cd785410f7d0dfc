/* ui_term: terminal set-up and restore for the dashboard (see the header). */
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <term.h>
#include <unistd.h>

#include "keymap.h"
#include "ui_term.h"

/* Long enough for a terminal to send an escape sequence, short enough that Esc feels instant. */
#define UI_TERM_ESCDELAY_MS 25

bool ui_term_want_mono(bool no_color_flag, const char *no_color_env)
{
	if (no_color_flag)
		return true;
	return no_color_env && no_color_env[0] != '\0';
}

/*
 * Every asynchronous signal whose default action ends the process: left to
 * that action, it would leave the alternate screen, a hidden cursor and raw
 * modes behind.  SIGPIPE is not here: main ignores it (EPIPE comes back as a
 * value).  Faults (SIGSEGV...) cannot wait in a signalfd and are not here.
 */
static const int ui_term_ending_signals[] = {
	SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
	SIGIO, SIGPWR,
};

static bool is_ending_signal(unsigned signo)
{
	for (size_t i = 0; i < sizeof(ui_term_ending_signals) / sizeof(ui_term_ending_signals[0]);
	     i++)
		if ((unsigned)ui_term_ending_signals[i] == signo)
			return true;
	return false;
}

static void signals_of_interest(sigset_t *set)
{
	sigemptyset(set);
	for (size_t i = 0; i < sizeof(ui_term_ending_signals) / sizeof(ui_term_ending_signals[0]);
	     i++)
		sigaddset(set, ui_term_ending_signals[i]);
	sigaddset(set, SIGWINCH);
	sigaddset(set, SIGCONT);
	sigaddset(set, SIGTSTP);
}

/*
 * SIGTSTP's disposition while the terminal is ours: a handler that never
 * runs (the signal is blocked and read from the signalfd).  Not SIG_DFL, so
 * ncurses installs no handler of its own and does not swap SIGTSTP's
 * disposition around every doupdate (two system calls a frame); not
 * SIG_IGN, which would discard the signal before the signalfd saw it.
 */
static void tstp_placeholder(int signo)
{
	(void)signo;
}

/*
 * Looks TERM up in terminfo without writing a byte: an unknown type, or one
 * that cannot address the cursor (dumb, hard-copy), would give a blank screen
 * and a garbled footer, so it is refused before the screen is taken.
 */
static int terminal_usable(struct mt_err *err)
{
	const char *term = getenv("TERM");
	const char *name = term && term[0] ? term : "(unset)";
	TERMINAL *saved = cur_term;
	TERMINAL *probe;
	const char *cup;
	int found = 0;

	if (!term || !term[0]) {
		mt_err_set(err, -EINVAL, "TERM=%s: unknown terminal type; %s", name, UI_TERM_HINT);
		return -1;
	}
	if (setupterm(term, STDOUT_FILENO, &found) != OK || found != 1) {
		set_curterm(saved);
		mt_err_set(err, -EINVAL, "TERM=%s: unknown terminal type; %s", name, UI_TERM_HINT);
		return -1;
	}
	probe = cur_term;
	cup = tigetstr("cup");
	set_curterm(saved);
	del_curterm(probe);
	if (!cup || cup == (const char *)-1) {
		mt_err_set(err, -EINVAL,
			   "TERM=%s: the terminal cannot move the cursor (no cup in terminfo); %s",
			   name, UI_TERM_HINT);
		return -1;
	}
	return 0;
}

SCREEN *ui_term_newterm(const char *type, FILE *out, FILE *in, struct sigaction *oldtstp)
{
	SCREEN *scr;

	sigaction(SIGTSTP, &(struct sigaction){ .sa_handler = tstp_placeholder }, oldtstp);
	scr = newterm(type, out, in);
	/* A frame is always drawn whole: no poll for typed-ahead keys twice a doupdate. */
	if (scr)
		typeahead(-1);
	return scr;
}

void ui_term_settle(void)
{
	/*
	 * ncurses (6.x, lib_mvcur.c) flushes after each cursor move while its
	 * screen is in the state newterm leaves it in, for low-level terminfo
	 * programs; only a doupdate coming back from endwin() ends that state.
	 */
	endwin();
	doupdate();
}

int ui_term_open(struct ui_term *t, const struct ui_term_options *o, struct mt_err *err)
{
	sigset_t set;

	memset(t, 0, sizeof(*t));
	t->sigfd = -1;
	if (!isatty(STDOUT_FILENO)) {
		mt_err_set(err, -ENOTTY, "%s", UI_TERM_NOT_A_TTY);
		return -1;
	}
	if (!isatty(STDIN_FILENO)) {
		mt_err_set(err, -ENOTTY, "%s", UI_TERM_STDIN_NOT_A_TTY);
		return -1;
	}
	if (terminal_usable(err))
		return -1;
	setlocale(LC_ALL, "");
	t->glyphs = glyphs_detect(o->ascii);
	t->mono = ui_term_want_mono(o->no_color, o->no_color_env);

	signals_of_interest(&set);
	if (sigprocmask(SIG_BLOCK, &set, &t->oldmask)) {
		mt_err_set(err, -errno, "sigprocmask: %s", strerror(errno));
		return -1;
	}
	t->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (t->sigfd < 0) {
		int e = errno;

		sigprocmask(SIG_SETMASK, &t->oldmask, NULL);
		mt_err_set(err, -e, "signalfd: %s", strerror(e));
		return -1;
	}

	t->screen = ui_term_newterm(NULL, stdout, stdin, &t->oldtstp);
	if (!t->screen) {
		const char *term = getenv("TERM");

		close(t->sigfd);
		t->sigfd = -1;
		sigaction(SIGTSTP, &t->oldtstp, NULL);
		sigprocmask(SIG_SETMASK, &t->oldmask, NULL);
		mt_err_set(err, -EINVAL, "TERM=%s: unknown terminal type; %s",
			   term ? term : "(unset)", UI_TERM_HINT);
		return -1;
	}
	set_term(t->screen);
	ui_term_settle();   /* first: the modes set below then stay as set */
	t->open = true;
	set_escdelay(UI_TERM_ESCDELAY_MS);
	cbreak();             /* keys at once, but Ctrl-C still raises SIGINT */
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);  /* the loop polls; getch must never wait */
	curs_set(0);
	leaveok(stdscr, TRUE);
	/* Only the wheel (keymap_mouse); no click delay, for there are no clicks to tell apart. */
	mousemask((mmask_t)keymap_mouse_mask(), NULL);
	mouseinterval(0);

	/* Monochrome never starts colour, so not one colour escape is sent. */
	if (!t->mono && has_colors()) {
		start_color();
		use_default_colors();
		t->has_colors = true;
		t->ncolors = COLORS;
	}
	/* Out of memory: doupdate draws every frame, as without term_out. */
	t->out = term_out_new(STDOUT_FILENO, !o->doupdate);
	return 0;
}

void ui_term_present(struct ui_term *t)
{
	term_out_present(t->out);
}

/*
 * Ctrl-Z: the terminal back as it was, the process stopped as SIGTSTP's
 * default would, and on return (SIGCONT, or at once in an orphaned process
 * group, where the kernel does not stop it) the whole screen drawn again.
 */
static void suspend(struct ui_term *t)
{
	struct sigaction mine;
	sigset_t tstp;

	if (t->open)
		endwin();
	sigemptyset(&tstp);
	sigaddset(&tstp, SIGTSTP);
	sigaction(SIGTSTP, &(struct sigaction){ .sa_handler = SIG_DFL }, &mine);
	raise(SIGTSTP);                               /* pending while blocked... */
	sigprocmask(SIG_UNBLOCK, &tstp, NULL);        /* ...and acted on here */
	sigprocmask(SIG_BLOCK, &tstp, NULL);
	sigaction(SIGTSTP, &mine, NULL);
}

unsigned ui_term_read_signals(struct ui_term *t, int *signo)
{
	struct signalfd_siginfo si;
	unsigned ev = UI_TERM_EV_NONE;
	struct winsize ws;

	if (t->sigfd < 0)
		return ev;
	while (read(t->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (is_ending_signal(si.ssi_signo)) {
			if (!(ev & UI_TERM_EV_QUIT) && signo)
				*signo = (int)si.ssi_signo;
			ev |= UI_TERM_EV_QUIT;
			continue;
		}
		switch (si.ssi_signo) {
		case SIGWINCH:
			ev |= UI_TERM_EV_RESIZE;
			break;
		case SIGCONT:
			ev |= UI_TERM_EV_REPAINT;
			break;
		case SIGTSTP:
			suspend(t);
			ev |= UI_TERM_EV_REPAINT;
			break;
		default:
			break;
		}
	}
	if ((ev & UI_TERM_EV_RESIZE) && t->open &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	if ((ev & UI_TERM_EV_REPAINT) && t->open) {
		/* Whoever had the terminal while we were stopped may have changed its modes. */
		reset_prog_mode();
		keypad(stdscr, TRUE);
		curs_set(0);
		ui_term_repaint(t);
	}
	return ev;
}

unsigned long ui_term_mouse(void)
{
	MEVENT ev;

	return getmouse(&ev) == OK ? (unsigned long)ev.bstate : 0;
}

void ui_term_repaint(struct ui_term *t)
{
	if (t->open)
		clearok(curscr, TRUE);
}

void ui_term_close(struct ui_term *t)
{
	term_out_free(t->out);
	t->out = NULL;
	if (t->open) {
		curs_set(1);
		endwin();
		delscreen(t->screen);
		t->screen = NULL;
		t->open = false;
	}
	if (t->sigfd >= 0) {
		close(t->sigfd);
		t->sigfd = -1;
		sigaction(SIGTSTP, &t->oldtstp, NULL);
		sigprocmask(SIG_SETMASK, &t->oldmask, NULL);
	}
}
