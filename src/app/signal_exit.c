/* signal_exit: die of a core-dumping signal after the clean-up (see the header). */
#include <signal.h>

#include "signal_exit.h"

bool signal_dumps_core(int signo)
{
	switch (signo) {
	case SIGQUIT:
	case SIGABRT:
	case SIGXCPU:
	case SIGXFSZ:
	case SIGSYS:
	case SIGTRAP:
		return true;
	default:
		return false;
	}
}

int signal_exit_finish(int rc)
{
	int signo = rc - 128;
	sigset_t set;

	if (rc <= 128 || !signal_dumps_core(signo))
		return rc;
	signal(signo, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, signo);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(signo);
	return rc;   /* the default action was refused: the status still says which signal */
}
