/* signal_exit: a core-dumping signal is re-raised with its default action, others are a status. */
#include <check.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_main.h"
#include "signal_exit.h"

START_TEST(test_which_dump_core)
{
	ck_assert(signal_dumps_core(SIGQUIT));
	ck_assert(signal_dumps_core(SIGABRT));
	ck_assert(!signal_dumps_core(SIGTERM));
	ck_assert(!signal_dumps_core(SIGINT));
	ck_assert(!signal_dumps_core(SIGUSR1));
	ck_assert(!signal_dumps_core(0));
}
END_TEST

START_TEST(test_plain_statuses_return)
{
	ck_assert_int_eq(signal_exit_finish(0), 0);
	ck_assert_int_eq(signal_exit_finish(3), 3);
	ck_assert_int_eq(signal_exit_finish(128), 128);
	ck_assert_int_eq(signal_exit_finish(128 + SIGTERM), 128 + SIGTERM);
	ck_assert_int_eq(signal_exit_finish(128 + SIGUSR1), 128 + SIGUSR1);
}
END_TEST

/* As in the dashboard: SIGQUIT blocked and handled elsewhere; finish must still die of it. */
START_TEST(test_quit_dies_of_the_signal)
{
	struct rlimit no_core = { 0, 0 };
	int status = 0;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		sigset_t set;

		setrlimit(RLIMIT_CORE, &no_core);   /* no core file left by the test */
		signal(SIGQUIT, SIG_IGN);
		sigemptyset(&set);
		sigaddset(&set, SIGQUIT);
		sigprocmask(SIG_BLOCK, &set, NULL);
		signal_exit_finish(128 + SIGQUIT);
		_exit(7);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFSIGNALED(status), "exited with %d instead", WEXITSTATUS(status));
	ck_assert_int_eq(WTERMSIG(status), SIGQUIT);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("signal_exit");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_which_dump_core);
	tcase_add_test(tc, test_plain_statuses_return);
	tcase_add_test(tc, test_quit_dies_of_the_signal);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
