/* heap_trim: a hole below a live chunk given back, once a period and no more. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "heap_trim.h"

#if defined(__SANITIZE_ADDRESS__)
#define GLIBC_MALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GLIBC_MALLOC 0
#endif
#endif
#ifndef GLIBC_MALLOC
#define GLIBC_MALLOC 1
#endif

#define PIECES 1024
#define PIECE 4000   /* below glibc's mmap threshold: from the heap */

/* RssAnon of this process in KiB. */
static long rss_anon_kib(void)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/self/status", "r");

	ck_assert(f);
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "RssAnon:", 8) == 0)
			v = strtol(line + 8, NULL, 10);
	fclose(f);
	ck_assert_int_ge(v, 0);
	return v;
}

START_TEST(due_once_a_period)
{
	struct heap_trim t;

	heap_trim_init(&t);
	ck_assert(!heap_trim_tick(&t, 1000.0));    /* starts the period */
	ck_assert(!heap_trim_tick(&t, 1000.0 + HEAP_TRIM_PERIOD_S - 0.5));
	ck_assert(heap_trim_tick(&t, 1000.0 + HEAP_TRIM_PERIOD_S));
	ck_assert(!heap_trim_tick(&t, 1000.0 + HEAP_TRIM_PERIOD_S + 1));
	/* Late by hours (a stopped process): one trim, then a period again. */
	ck_assert(heap_trim_tick(&t, 1000.0 + 10 * 3600));
	ck_assert(!heap_trim_tick(&t, 1000.0 + 10 * 3600 + HEAP_TRIM_PERIOD_S - 1));
}
END_TEST

START_TEST(hole_below_live_chunk_given_back)
{
	static char *piece[PIECES];
	struct heap_trim t;
	long held, freed, trimmed;

	for (int i = 0; i < PIECES; i++) {
		piece[i] = malloc(PIECE);
		ck_assert(piece[i]);
		memset(piece[i], 0x5a, PIECE);
	}
	held = rss_anon_kib();
	/* All but the last: the free space lies below a live chunk, not at the top. */
	for (int i = 0; i < PIECES - 1; i++)
		free(piece[i]);
	freed = rss_anon_kib();
	heap_trim_init(&t);
	heap_trim_tick(&t, 0.0);
	ck_assert(heap_trim_tick(&t, HEAP_TRIM_PERIOD_S));
	trimmed = rss_anon_kib();
	if (GLIBC_MALLOC) {
		/* glibc keeps the hole resident by itself... */
		ck_assert_msg(held - freed < 1024, "free gave back %ld KiB alone", held - freed);
		/* ...and malloc_trim gives back most of its 4 MB. */
		ck_assert_msg(freed - trimmed > 3 * 1024, "trim gave back %ld KiB of %ld",
			      freed - trimmed, held);
	}
	free(piece[PIECES - 1]);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("heap_trim");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, due_once_a_period);
	tcase_add_test(tc, hole_below_live_chunk_given_back);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
