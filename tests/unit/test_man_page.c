/*
 * The man pages against the programs: every option spdk-memtop's -h lists,
 * every key its help screen lists (keymap_help), and every option
 * spdk-memtop-sim --help lists appear in docs/spdk-memtop.1 and
 * docs/spdk-memtop-sim.1.  Read at run time, so options and keys added
 * later are checked too.
 */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "cli_options.h"
#include "fixture_io.h"
#include "keymap.h"

/* groff to plain text: "\-" -> "-", font escapes and quotes dropped. */
static char *plain(const char *path)
{
	char *t = fixture_read(path, NULL), *o = t;

	for (const char *p = t; *p; p++) {
		if (p[0] == '\\' && p[1] == '-') {
			*o++ = '-';
			p++;
		} else if (p[0] == '\\' && p[1] == 'f' && p[2]) {
			p += 2;
		} else if (*p != '"') {
			*o++ = *p;
		}
	}
	*o = '\0';
	return t;
}

/* Option words ("-s", "--baseline-dir") at the start of the help's option lines. */
static void check_options(const char *help, const char *man, const char *what)
{
	char *copy = strdup(help), *save = NULL;
	size_t n = 0;

	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *p = line;

		if (strncmp(p, "  ", 2) != 0)
			continue;
		while (*p == ' ')
			p++;
		if (strncmp(p, "diff ", 5) == 0)   /* the subcommand: its word and its option */
			ck_assert_msg(strstr(man, "diff [--json] A B") || strstr(man, "diff"), "diff");
		while (*p == '-') {
			char word[64];
			size_t k = 0;

			while ((isalnum((unsigned char)p[k]) || p[k] == '-') && k < sizeof(word) - 1) {
				word[k] = p[k];
				k++;
			}
			word[k] = '\0';
			ck_assert_msg(strstr(man, word), "%s: option %s is not in the man page", what,
				      word);
			n++;
			p += k;
			while (*p == ',' || *p == ' ')
				p++;
			if (*p != '-')
				break;
		}
	}
	ck_assert_uint_gt(n, 10);
	free(copy);
}

START_TEST(every_option_of_spdk_memtop)
{
	char *help = NULL, *man = plain(MEMTOP_SOURCE_DIR "/docs/spdk-memtop.1");
	size_t len = 0;
	FILE *f = open_memstream(&help, &len);

	cli_help(f);
	fclose(f);
	check_options(help, man, "spdk-memtop -h");
	free(help);
	free(man);
}
END_TEST

START_TEST(every_option_of_the_simulator)
{
	char *man = plain(MEMTOP_SOURCE_DIR "/docs/spdk-memtop-sim.1"), buf[8192];
	FILE *p = popen(MEMTOP_SIM_BIN " --help", "r");
	size_t n;

	ck_assert_ptr_nonnull(p);
	n = fread(buf, 1, sizeof(buf) - 1, p);
	buf[n] = '\0';
	ck_assert_int_eq(pclose(p), 0);
	check_options(buf, man, "spdk-memtop-sim --help");
	free(man);
}
END_TEST

/*
 * Whether key is set in bold in the INTERACTIVE COMMANDS section: every
 * argument of a .B line, the odd ones (1st, 3rd, ...) of a .BR line, whose
 * arguments alternate bold and roman (".BR , \" (comma), \" ." names ","
 * and "."), arguments split at blanks outside double quotes.
 */
static bool key_in_man(const char *man, const char *key)
{
	const char *sec = strstr(man, ".SH INTERACTIVE COMMANDS"), *end;

	ck_assert_ptr_nonnull(sec);
	end = strstr(sec + 4, "\n.SH ");
	for (const char *l = sec; l && l < end; l = strchr(l + 1, '\n')) {
		const char *p = l + 1, *e = strchr(p, '\n');
		bool alt = strncmp(p, ".BR ", 4) == 0;
		int arg = 0;

		if (!alt && strncmp(p, ".B ", 3))
			continue;
		p = strchr(p, ' ') + 1;
		while (p < e) {
			const char *q;
			size_t k;

			while (p < e && *p == ' ')
				p++;
			if (p >= e)
				break;
			if (*p == '"') {
				q = memchr(p + 1, '"', (size_t)(e - p - 1));
				q = q ? q : e;
				k = (size_t)(q - p - 1);
				if ((!alt || arg % 2 == 0) && k == strlen(key) &&
				    strncmp(p + 1, key, k) == 0)
					return true;
				p = q < e ? q + 1 : e;
			} else {
				k = strcspn(p, " \n");
				if ((!alt || arg % 2 == 0) && k == strlen(key) &&
				    strncmp(p, key, k) == 0)
					return true;
				p += k;
			}
			arg++;
		}
	}
	return false;
}

START_TEST(every_key_of_the_help_screen)
{
	char *man = plain(MEMTOP_SOURCE_DIR "/docs/spdk-memtop.1");
	size_t n;
	const struct keymap_help_line *h = keymap_help(&n);

	for (size_t i = 0; i < n; i++) {
		char keys[64], *save = NULL;

		snprintf(keys, sizeof(keys), "%s", h[i].keys);
		for (char *k = strtok_r(keys, " ", &save); k; k = strtok_r(NULL, " ", &save))
			ck_assert_msg(key_in_man(man, k), "key '%s' (%s) is not in the man page", k,
				      h[i].what);
	}
	free(man);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("man_page");
	TCase *t = tcase_create("coverage");

	tcase_add_test(t, every_option_of_spdk_memtop);
	tcase_add_test(t, every_option_of_the_simulator);
	tcase_add_test(t, every_key_of_the_help_screen);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return run_suite(suite());
}
