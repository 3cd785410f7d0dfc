/*
 * audit_log: the exact line for a known entry, every outcome and both ways
 * of applying round-tripping through the parser, quotes, newlines and
 * control bytes escaped, lines the parser refuses, the XDG path and its
 * fallback, 0600/0700 whatever the umask, locations that cannot be written,
 * nothing at all written under --read-only (actions_audit), and several
 * processes appending long lines at once without a torn line.
 */
#include <check.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "actions.h"
#include "audit_log.h"
#include "check_main.h"
#include "fixture_io.h"

/* 2026-03-01T12:34:56.789Z */
static const struct timespec when = { .tv_sec = 1772368496, .tv_nsec = 789000000 };

static void sample(struct audit_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->when = when;
	snprintf(e->target, sizeof(e->target), "/var/tmp/spdk.sock");
	snprintf(e->action, sizeof(e->action), "iobuf_set_options");
	e->old_small = (struct audit_count){ true, 8192 };
	e->old_large = (struct audit_count){ true, 1024 };
	e->new_small = (struct audit_count){ true, 8192 };
	e->new_large = (struct audit_count){ true, 4096 };
}

/* An unknown count's value means nothing. */
static void assert_count(const struct audit_count *a, const struct audit_count *b)
{
	ck_assert_int_eq(a->known, b->known);
	if (a->known)
		ck_assert_uint_eq(a->value, b->value);
}

static void assert_same(const struct audit_entry *a, const struct audit_entry *b)
{
	ck_assert_int_eq(a->when.tv_sec, b->when.tv_sec);
	ck_assert_int_eq(a->when.tv_nsec, b->when.tv_nsec);
	ck_assert_str_eq(a->target, b->target);
	ck_assert_str_eq(a->action, b->action);
	ck_assert_str_eq(a->config_path, b->config_path);
	assert_count(&a->old_small, &b->old_small);
	assert_count(&a->old_large, &b->old_large);
	assert_count(&a->new_small, &b->new_small);
	assert_count(&a->new_large, &b->new_large);
	ck_assert_int_eq(a->outcome, b->outcome);
	ck_assert_int_eq(a->code, b->code);
	ck_assert_str_eq(a->reason, b->reason);
}

static void round_trip(const struct audit_entry *e)
{
	char line[AUDIT_LINE_MAX];
	struct audit_entry back;
	struct mt_err err = { 0 };
	int n = audit_line_format(e, line, sizeof(line));

	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(n, (int)strlen(line));
	ck_assert_msg(strchr(line, '\n') == line + n - 1, "not one line: %s", line);
	ck_assert_msg(audit_line_parse(line, &back, &err) == 0, "%s: %s", err.msg, line);
	assert_same(e, &back);
}

START_TEST(test_line_format)
{
	struct audit_entry e;
	char line[AUDIT_LINE_MAX];

	sample(&e);
	e.outcome = AUDIT_OK;
	ck_assert_int_gt(audit_line_format(&e, line, sizeof(line)), 0);
	ck_assert_str_eq(line, "time=\"2026-03-01T12:34:56.789Z\" target=\"/var/tmp/spdk.sock\" "
			 "action=\"iobuf_set_options\" via=\"rpc\" old_small=\"8192\" "
			 "old_large=\"1024\" new_small=\"8192\" new_large=\"4096\" "
			 "outcome=\"ok\"\n");

	snprintf(e.config_path, sizeof(e.config_path), "/etc/spdk/tgt.json");
	e.old_large.known = false;
	e.new_small.known = false;
	e.outcome = AUDIT_REJECTED;
	e.code = -1;
	snprintf(e.reason, sizeof(e.reason), "Method may only be called before framework is "
		 "initialized.");
	ck_assert_int_gt(audit_line_format(&e, line, sizeof(line)), 0);
	ck_assert_str_eq(line, "time=\"2026-03-01T12:34:56.789Z\" target=\"/var/tmp/spdk.sock\" "
			 "action=\"iobuf_set_options\" via=\"config_file:/etc/spdk/tgt.json\" "
			 "old_small=\"8192\" old_large=\"-\" new_small=\"-\" new_large=\"4096\" "
			 "outcome=\"rejected\" code=\"-1\" reason=\"Method may only be called "
			 "before framework is initialized.\"\n");

	/* Too small a buffer gives nothing rather than half a line. */
	ck_assert_int_eq(audit_line_format(&e, line, 100), -1);
	ck_assert_str_eq(line, "");
}
END_TEST

START_TEST(test_round_trip_every_outcome)
{
	struct audit_entry e;

	sample(&e);
	e.outcome = AUDIT_OK;
	round_trip(&e);
	e.outcome = AUDIT_REJECTED;
	e.code = -32602;
	snprintf(e.reason, sizeof(e.reason), "spdk_json_decode_object failed");
	round_trip(&e);
	e.outcome = AUDIT_REFUSED;
	e.code = 0;
	snprintf(e.reason, sizeof(e.reason), "refused: another action has not finished yet");
	round_trip(&e);
	e.outcome = AUDIT_FAILED;
	snprintf(e.config_path, sizeof(e.config_path), "/etc/spdk/tgt.json");
	snprintf(e.reason, sizeof(e.reason), "/etc/spdk: disk full while writing");
	e.new_small = (struct audit_count){ true, UINT64_MAX };
	e.old_small.known = false;
	e.target[0] = '\0';
	round_trip(&e);
}
END_TEST

START_TEST(test_escaping)
{
	struct audit_entry e, back;
	struct mt_err err = { 0 };
	char line[AUDIT_LINE_MAX];
	const char *c;
	int n;

	sample(&e);
	e.outcome = AUDIT_FAILED;
	snprintf(e.target, sizeof(e.target), "10.0.0.5:5260");
	snprintf(e.config_path, sizeof(e.config_path), "/srv/my \"lab\" cfg/t\\x.json");
	snprintf(e.reason, sizeof(e.reason), "line one\nline \"two\"\r\tend\\ \x01\x1f\x7f "
		 "caf\xc3\xa9 key=\"value\" outcome=\"ok\"");
	n = audit_line_format(&e, line, sizeof(line));
	ck_assert_int_gt(n, 0);
	for (c = line; c < line + n - 1; c++)
		ck_assert_msg((unsigned char)*c >= 0x20 && *c != 0x7f, "raw byte 0x%02x at %td",
			      (unsigned char)*c, c - line);
	ck_assert_ptr_nonnull(strstr(line,
				     " via=\"config_file:/srv/my \\\"lab\\\" cfg/t\\\\x.json\""));
	ck_assert_ptr_nonnull(strstr(line, " reason=\"line one\\nline \\\"two\\\"\\r\\tend\\\\ "
				     "\\x01\\x1f\\x7f caf\xc3\xa9 key=\\\"value\\\" "
				     "outcome=\\\"ok\\\"\"\n"));
	ck_assert_int_eq(audit_line_parse(line, &back, &err), 0);
	assert_same(&e, &back);
	/* The fake outcome inside the reason did not count. */
	ck_assert_int_eq(back.outcome, AUDIT_FAILED);
}
END_TEST

static void assert_refused(const char *line, const char *msg_part)
{
	struct audit_entry e;
	struct mt_err err = { 0 };

	ck_assert_msg(audit_line_parse(line, &e, &err) == -1, "parsed: %s", line);
	ck_assert_int_eq(err.code, -EINVAL);
	ck_assert_msg(strstr(err.msg, msg_part), "'%s' not in '%s'", msg_part, err.msg);
}

#define HEAD "time=\"2026-03-01T12:34:56.789Z\" action=\"iobuf_set_options\" via=\"rpc\" "

START_TEST(test_parse_refuses_bad_lines)
{
	struct audit_entry e;
	struct mt_err err = { 0 };

	assert_refused(HEAD "outcome=\"ok", "outcome: value not closed");
	assert_refused(HEAD "outcome=ok", "outcome: value not quoted");
	assert_refused(HEAD "outcome=\"ok\"  reason=\"x\"", "expected key=\"value\"");
	assert_refused(HEAD "outcome=\"ok\"reason=\"x\"", "expected a space");
	assert_refused(HEAD "outcome=\"fine\"", "outcome: \"fine\" is not ok");
	assert_refused(HEAD "outcome=\"failed\" reason=\"a\\qb\"", "reason: unknown escape \\q");
	assert_refused(HEAD "outcome=\"failed\" reason=\"a\\x0\"", "reason: bad \\x escape");
	assert_refused(HEAD "old_small=\"12a\" outcome=\"ok\"",
		       "old_small: \"12a\" is not a count");
	assert_refused(HEAD "old_small=\"-5\" outcome=\"ok\"", "old_small: \"-5\" is not a count");
	assert_refused(HEAD "outcome=\"rejected\" code=\"x\"", "code: \"x\" is not an integer");
	assert_refused("time=\"2026-03-01 12:34:56Z\" action=\"a\" via=\"rpc\" outcome=\"ok\"",
		       "is not YYYY-MM-DDTHH:MM:SS.mmmZ");
	assert_refused("action=\"a\" via=\"rpc\" outcome=\"ok\"", "missing time");
	assert_refused(HEAD "target=\"x\"", "missing outcome");
	assert_refused(HEAD "outcome=\"ok\" ", "expected key=\"value\"");
	assert_refused(HEAD "via=\"ftp\" outcome=\"ok\"", "via: \"ftp\" is not rpc or config_file");
	assert_refused("", "missing time");
	/* Keys a later version adds are skipped. */
	ck_assert_int_eq(audit_line_parse(HEAD "outcome=\"ok\" user=\"root\"\n", &e, &err), 0);
	ck_assert_int_eq(e.outcome, AUDIT_OK);
}
END_TEST

START_TEST(test_xdg_path_and_fallback)
{
	char path[PATH_MAX];
	struct mt_err err = { 0 };

	ck_assert_int_eq(audit_log_path("/x/state", "/home/u", path, sizeof(path), &err), 0);
	ck_assert_str_eq(path, "/x/state/spdk-memtop/audit.log");
	ck_assert_int_eq(audit_log_path(NULL, "/home/u", path, sizeof(path), &err), 0);
	ck_assert_str_eq(path, "/home/u/.local/state/spdk-memtop/audit.log");
	ck_assert_int_eq(audit_log_path("", "/home/u", path, sizeof(path), &err), 0);
	ck_assert_str_eq(path, "/home/u/.local/state/spdk-memtop/audit.log");
	/* The XDG spec: a relative path in these variables is invalid and ignored. */
	ck_assert_int_eq(audit_log_path("state", "/home/u", path, sizeof(path), &err), 0);
	ck_assert_str_eq(path, "/home/u/.local/state/spdk-memtop/audit.log");
	ck_assert_int_eq(audit_log_path(NULL, NULL, path, sizeof(path), &err), -1);
	ck_assert_int_eq(err.code, -ENOENT);
	ck_assert_int_eq(audit_log_path("rel", "", path, sizeof(path), &err), -1);
	ck_assert_int_eq(audit_log_path("/x", NULL, path, 10, &err), -1);
	ck_assert_int_eq(err.code, -ENAMETOOLONG);
}
END_TEST

static char *make_dir(void)
{
	static char tmpl[64];

	snprintf(tmpl, sizeof(tmpl), "/tmp/memtop-audit-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	return tmpl;
}

static void assert_mode(const char *path, mode_t mode)
{
	struct stat st;

	ck_assert_msg(stat(path, &st) == 0, "%s: %s", path, strerror(errno));
	ck_assert_msg((st.st_mode & 07777) == mode, "%s: mode %04o, not %04o", path,
		      (unsigned)(st.st_mode & 07777), (unsigned)mode);
}

static int lines_in(const char *text)
{
	int n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

/* Each test runs in its own process (check forks), so the environment and umask are its own. */
START_TEST(test_default_location_modes)
{
	char *dir = make_dir(), state[128], path[256];
	struct audit_entry e, back;
	struct mt_err err = { 0 };
	char *text, *second;

	snprintf(state, sizeof(state), "%s/state", dir);
	ck_assert_int_eq(setenv("XDG_STATE_HOME", state, 1), 0);
	/* A umask that would leave the owner without write or search if obeyed. */
	umask(0277);
	sample(&e);
	ck_assert_msg(audit_log_append(NULL, &e, &err) == 0, "%s", err.msg);
	umask(022);
	assert_mode(state, 0700);
	snprintf(path, sizeof(path), "%s/spdk-memtop", state);
	assert_mode(path, 0700);
	snprintf(path, sizeof(path), "%s/spdk-memtop/audit.log", state);
	assert_mode(path, 0600);

	e.outcome = AUDIT_REFUSED;
	snprintf(e.reason, sizeof(e.reason), "refused: another action has not finished yet");
	ck_assert_int_eq(audit_log_append(path, &e, &err), 0);
	text = fixture_read(path, NULL);
	second = strchr(text, '\n');
	ck_assert_ptr_nonnull(second);
	ck_assert_int_eq(audit_line_parse(text, &back, &err), 0);
	ck_assert_int_eq(back.outcome, AUDIT_OK);
	ck_assert_int_eq(audit_line_parse(second + 1, &back, &err), 0);
	assert_same(&e, &back);
	ck_assert_int_eq(lines_in(text), 2);
	free(text);

	/* A log the user made readable to others keeps its mode. */
	ck_assert_int_eq(chmod(path, 0640), 0);
	ck_assert_int_eq(audit_log_append(path, &e, &err), 0);
	assert_mode(path, 0640);
	fixture_rm_tree(dir);
}
END_TEST

static struct actions *actions_open(bool read_only)
{
	struct actions_config cfg = { .read_only = read_only };
	struct rpc_addr addr;

	/* Files only: the socket is never connected to. */
	ck_assert_int_eq(rpc_addr_parse("/nonexistent/spdk.sock", -1, &addr, NULL), 0);
	return actions_new(&cfg, &addr);
}

/* --read-only writes no file, the audit log's refused line and its directories included. */
START_TEST(test_read_only_writes_nothing)
{
	char *dir = make_dir(), state[128], path[256];
	struct actions *a = actions_open(true);
	struct audit_entry e;
	struct mt_err err = { 0 };
	struct stat st;
	char *text;

	snprintf(state, sizeof(state), "%s/state", dir);
	ck_assert_int_eq(setenv("XDG_STATE_HOME", state, 1), 0);
	sample(&e);
	e.outcome = AUDIT_REFUSED;
	snprintf(e.reason, sizeof(e.reason), "refused: --read-only (nothing was sent or written)");
	ck_assert_int_eq(actions_audit(a, NULL, &e, &err), 1);
	ck_assert_int_eq(stat(state, &st), -1);
	ck_assert_int_eq(errno, ENOENT);
	snprintf(path, sizeof(path), "%s/given/audit.log", dir);
	ck_assert_int_eq(actions_audit(a, path, &e, &err), 1);
	snprintf(path, sizeof(path), "%s/given", dir);
	ck_assert_int_eq(stat(path, &st), -1);
	actions_free(a);

	/* The same call without --read-only writes the line where the environment says. */
	a = actions_open(false);
	e.outcome = AUDIT_OK;
	e.reason[0] = '\0';
	ck_assert_msg(actions_audit(a, NULL, &e, &err) == 0, "%s", err.msg);
	snprintf(path, sizeof(path), "%s/spdk-memtop/audit.log", state);
	text = fixture_read(path, NULL);
	ck_assert_int_eq(lines_in(text), 1);
	free(text);
	actions_free(a);
	fixture_rm_tree(dir);
}
END_TEST

START_TEST(test_unwritable_location_is_an_error)
{
	char *dir = make_dir(), file[128], path[256];
	struct audit_entry e;
	struct mt_err err = { 0 };

	sample(&e);
	/* Below a regular file: no directory can be made there, not even by root. */
	snprintf(file, sizeof(file), "%s/plain", dir);
	fixture_write(file, "x");
	snprintf(path, sizeof(path), "%s/sub/audit.log", file);
	ck_assert_int_eq(audit_log_append(path, &e, &err), -1);
	ck_assert_int_eq(err.code, -ENOTDIR);
	ck_assert_ptr_nonnull(strstr(err.msg, "cannot make the audit log's directory"));
	snprintf(path, sizeof(path), "%s/audit.log", file);
	ck_assert_int_eq(audit_log_append(path, &e, &err), -1);
	ck_assert_int_eq(err.code, -ENOTDIR);
	/* A directory where the log should be. */
	ck_assert_int_eq(audit_log_append(dir, &e, &err), -1);
	ck_assert_int_eq(err.code, -EISDIR);
	ck_assert_ptr_nonnull(strstr(err.msg, "cannot open the audit log"));
	/* No place at all. */
	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	ck_assert_int_eq(audit_log_append(NULL, &e, &err), -1);
	ck_assert_int_eq(err.code, -ENOENT);
	fixture_rm_tree(dir);
}
END_TEST

/* Long lines (well past a pipe's atomic size) from several processes: none torn. */
START_TEST(test_concurrent_writers)
{
	enum { WRITERS = 4, LINES = 100 };
	char *dir = make_dir(), path[128], *text, *line, *next;
	int counts[WRITERS] = { 0 }, w, status, total = 0;
	struct audit_entry e, back;
	struct mt_err err = { 0 };

	snprintf(path, sizeof(path), "%s/audit.log", dir);
	for (w = 0; w < WRITERS; w++) {
		pid_t pid = fork();

		ck_assert_int_ge(pid, 0);
		if (pid)
			continue;
		sample(&e);
		e.outcome = AUDIT_FAILED;
		snprintf(e.target, sizeof(e.target), "writer-%d", w);
		memset(e.config_path, 'a' + w, 4000);
		e.config_path[4000] = '\0';
		memset(e.reason, '"', sizeof(e.reason) - 1);   /* doubled by escaping */
		e.reason[sizeof(e.reason) - 1] = '\0';
		for (int i = 0; i < LINES; i++)
			if (audit_log_append(path, &e, &err))
				_exit(1);
		_exit(0);
	}
	for (w = 0; w < WRITERS; w++) {
		ck_assert_int_gt(wait(&status), 0);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	text = fixture_read(path, NULL);
	for (line = text; *line; line = next + 1) {
		next = strchr(line, '\n');
		ck_assert_ptr_nonnull(next);
		*next = '\0';
		ck_assert_msg(audit_line_parse(line, &back, &err) == 0, "line %d: %s", total,
			      err.msg);
		ck_assert_int_eq(sscanf(back.target, "writer-%d", &w), 1);
		ck_assert(w >= 0 && w < WRITERS);
		ck_assert_int_eq(back.config_path[0], 'a' + w);
		ck_assert_uint_eq(strlen(back.config_path), 4000);
		ck_assert_uint_eq(strspn(back.reason, "\""), MT_ERR_LEN - 1);
		counts[w]++;
		total++;
	}
	for (w = 0; w < WRITERS; w++)
		ck_assert_int_eq(counts[w], LINES);
	free(text);
	fixture_rm_tree(dir);
}
END_TEST

START_TEST(test_set_result)
{
	struct audit_entry e;
	struct action_result r = { .kind = ACTION_IOBUF_SET_OPTIONS, .outcome = ACTION_REJECTED,
				   .code = -1, .message = "Method may only be called before" };

	sample(&e);
	audit_entry_set_result(&e, &r);
	ck_assert_int_eq(e.outcome, AUDIT_REJECTED);
	ck_assert_int_eq(e.code, -1);
	ck_assert_str_eq(e.reason, "Method may only be called before");
	r.outcome = ACTION_OK;
	audit_entry_set_result(&e, &r);
	ck_assert_int_eq(e.outcome, AUDIT_OK);
	r.outcome = ACTION_REFUSED;
	audit_entry_set_result(&e, &r);
	ck_assert_int_eq(e.outcome, AUDIT_REFUSED);
	r.outcome = ACTION_PENDING;
	audit_entry_set_result(&e, &r);
	ck_assert_int_eq(e.outcome, AUDIT_FAILED);
	ck_assert_str_eq(e.reason, "no outcome yet");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("audit_log");
	TCase *line = tcase_create("line");
	TCase *file = tcase_create("file");

	tcase_add_test(line, test_line_format);
	tcase_add_test(line, test_round_trip_every_outcome);
	tcase_add_test(line, test_escaping);
	tcase_add_test(line, test_parse_refuses_bad_lines);
	tcase_add_test(line, test_set_result);
	suite_add_tcase(s, line);
	tcase_add_test(file, test_xdg_path_and_fallback);
	tcase_add_test(file, test_default_location_modes);
	tcase_add_test(file, test_read_only_writes_nothing);
	tcase_add_test(file, test_unwritable_location_is_an_error);
	tcase_add_test(file, test_concurrent_writers);
	suite_add_tcase(s, file);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
