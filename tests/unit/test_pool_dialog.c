/* pool_dialog: the exact keys through every stage, validation as you type, the intent. */
#include <check.h>
#include <curses.h>
#include <string.h>

#include "check_main.h"
#include "dashboard_state.h"
#include "pool_dialog.h"

static struct pool_base base;
static struct pool_dialog d;

/* A running target, SPDK's defaults, caches reserving 384 / 48, 2 GiB free on one node. */
static void setup(void)
{
	memset(&base, 0, sizeof(base));
	base.state = TARGET_RUNNING;
	base.current_known = true;
	base.current[POOL_FIELD_SMALL_COUNT] = 8192;
	base.current[POOL_FIELD_LARGE_COUNT] = 1024;
	base.current[POOL_FIELD_SMALL_BUFSIZE] = 8192;
	base.current[POOL_FIELD_LARGE_BUFSIZE] = 135168;
	base.bufsizes_accepted = true;
	base.has_reserved[0] = base.has_reserved[1] = true;
	base.reserved[0] = 384;
	base.reserved[1] = 48;
	base.nodes = 1;
	base.hugepages_known = true;
	base.nfree = 1;
	base.free_bytes[0] = 2ULL << 30;
	pool_dialog_open(&d, &base, 0, 2048, "advisor: large pool ran dry", false);
}

static unsigned keys(const char *s)
{
	unsigned fx = 0;

	for (; *s; s++)
		fx |= pool_dialog_key(&d, (unsigned char)*s);
	return fx;
}

START_TEST(test_opens_prefilled_on_small)
{
	ck_assert_int_eq(d.stage, PD_EDIT);
	ck_assert_int_eq(d.route, PD_ROUTE_FILE);
	ck_assert_int_eq(d.focus, 0);
	ck_assert_int_eq(d.nfields, 4);
	ck_assert_str_eq(d.text[0], "8192");   /* 0: the current value */
	ck_assert_str_eq(d.text[1], "2048");
	ck_assert_str_eq(d.text[3], "135168");
	ck_assert(d.chk.valid);
}
END_TEST

START_TEST(test_edit_keys)
{
	ck_assert(pool_dialog_key(&d, KEY_BACKSPACE) & PD_FX_REDRAW);
	ck_assert_str_eq(d.text[0], "819");
	pool_dialog_key(&d, 127);
	ck_assert_str_eq(d.text[0], "81");
	pool_dialog_key(&d, 21);   /* Ctrl-U */
	ck_assert_str_eq(d.text[0], "");
	ck_assert(!d.chk.valid);
	ck_assert_str_eq(d.chk.reason[0], "small count: type a whole number");
	keys("100");
	ck_assert_str_eq(d.chk.reason[0], "small count: at least 384, what the caches reserve");
	keys("00");
	ck_assert(d.chk.valid);
	ck_assert_uint_eq(d.chk.value[0], 10000);
	ck_assert_uint_eq(pool_dialog_key(&d, 'x'), PD_FX_NONE);
	ck_assert_str_eq(d.text[0], "10000");
	pool_dialog_key(&d, '\t');
	ck_assert_int_eq(d.focus, 1);
	pool_dialog_key(&d, KEY_BTAB);
	pool_dialog_key(&d, KEY_BTAB);
	ck_assert_int_eq(d.focus, 3);   /* wraps round */
	pool_dialog_key(&d, '\t');
	ck_assert_int_eq(d.focus, 0);
}
END_TEST

START_TEST(test_field_is_bounded)
{
	pool_dialog_key(&d, 21);
	keys("123456789012345678901234");
	ck_assert_uint_eq(strlen(d.text[0]), PD_TEXT_LEN - 1);
	ck_assert(!d.chk.valid);
	ck_assert_ptr_nonnull(strstr(d.chk.reason[0], "at most"));
}
END_TEST

START_TEST(test_enter_refuses_invalid_and_focuses_it)
{
	pool_dialog_key(&d, '\t');
	pool_dialog_key(&d, 21);
	keys("7");
	pool_dialog_key(&d, '\t');
	ck_assert_int_eq(d.focus, 2);
	ck_assert_uint_eq(pool_dialog_key(&d, '\n') & PD_FX_REVIEW, 0);
	ck_assert_int_eq(d.stage, PD_EDIT);
	ck_assert_int_eq(d.focus, 1);
}
END_TEST

START_TEST(test_review_then_y_applies_when_it_fits)
{
	struct pool_review r = { .ok = true };
	struct pool_intent in;

	ck_assert(pool_dialog_key(&d, '\n') & PD_FX_REVIEW);
	ck_assert_int_eq(d.stage, PD_REVIEW);
	/* y before the review is ready does nothing */
	ck_assert_uint_eq(pool_dialog_key(&d, 'y'), PD_FX_NONE);
	pool_dialog_review(&d, &r);
	ck_assert(d.chk.fits);
	ck_assert(pool_dialog_key(&d, 'y') & PD_FX_APPLY);
	pool_dialog_intent(&d, &in);
	ck_assert(in.set[0] && in.set[1] && !in.set[2] && !in.set[3]);
	ck_assert_uint_eq(in.value[1], 2048);
	pool_dialog_sent(&d);
	ck_assert_int_eq(d.stage, PD_WAIT);
	ck_assert_uint_eq(pool_dialog_key(&d, 'n'), PD_FX_NONE);   /* sent: n cannot unsend */
	pool_dialog_result(&d, true, "written", NULL, false);
	ck_assert_int_eq(d.stage, PD_RESULT);
	ck_assert_uint_eq(pool_dialog_key(&d, 'i'), PD_FX_NONE);   /* not offered */
	ck_assert(pool_dialog_key(&d, 27) & PD_FX_CLOSED);
	ck_assert(!d.cancelled);
}
END_TEST

START_TEST(test_does_not_fit_needs_a_second_y)
{
	struct pool_review r = { .ok = true };

	pool_dialog_key(&d, '\t');
	pool_dialog_key(&d, 21);
	keys("65536");   /* 8 GiB more than now, 2 GiB free */
	ck_assert(d.chk.valid);
	ck_assert(!d.chk.fits);
	pool_dialog_key(&d, '\n');
	pool_dialog_review(&d, &r);
	ck_assert_uint_eq(pool_dialog_key(&d, 'y') & PD_FX_APPLY, 0);
	ck_assert_int_eq(d.stage, PD_CONFIRM);
	ck_assert(pool_dialog_key(&d, 'y') & PD_FX_APPLY);
}
END_TEST

START_TEST(test_edited_bufsize_is_sent)
{
	struct pool_intent in;

	pool_dialog_key(&d, KEY_BTAB);   /* large bufsize */
	pool_dialog_key(&d, 21);
	keys("65536");
	pool_dialog_intent(&d, &in);
	ck_assert(!in.set[2] && in.set[3]);
	ck_assert_uint_eq(in.value[3], 65536);
}
END_TEST

START_TEST(test_cancel_at_every_stage_before_sending)
{
	struct pool_review r = { .ok = true };
	const int cancel[] = { 'n', 27, 'N' };

	for (int stage = 0; stage < 3; stage++) {
		for (size_t k = 0; k < 3; k++) {
			setup();
			if (stage >= 1) {
				pool_dialog_key(&d, '\r');
				pool_dialog_review(&d, &r);
			}
			if (stage == 2) {
				d.chk.fits = false;
				pool_dialog_key(&d, 'y');
				ck_assert_int_eq(d.stage, PD_CONFIRM);
			}
			ck_assert(pool_dialog_key(&d, cancel[k]) & PD_FX_CLOSED);
			ck_assert(d.cancelled);
			ck_assert_int_eq(d.stage, PD_CLOSED);
		}
	}
}
END_TEST

START_TEST(test_startup_offers_init)
{
	base.state = TARGET_STARTUP;
	base.current_known = false;
	pool_dialog_open(&d, &base, 0, 0, "", false);
	ck_assert_int_eq(d.route, PD_ROUTE_RPC);
	pool_dialog_sent(&d);
	pool_dialog_result(&d, true, "accepted", NULL, true);
	ck_assert(pool_dialog_key(&d, 'i') & PD_FX_START_INIT);
	ck_assert(!d.offer_init);
	ck_assert_uint_eq(pool_dialog_key(&d, 'i'), PD_FX_NONE);
}
END_TEST

START_TEST(test_no_bufsize_fields_when_not_reported)
{
	base.bufsizes_accepted = false;
	pool_dialog_open(&d, &base, 0, 0, "", false);
	ck_assert_int_eq(d.nfields, 2);
	pool_dialog_key(&d, '\t');
	pool_dialog_key(&d, '\t');
	ck_assert_int_eq(d.focus, 0);
}
END_TEST

START_TEST(test_dash_state_routes_the_dialog)
{
	struct dash_state st;
	unsigned fx;

	dash_state_init(&st, 1.0, false, 1, 0);
	fx = dash_state_apply(&st, keymap_lookup('c'), 0);
	ck_assert(fx & DASH_FX_POOLS_OPEN);
	dash_state_pools_open(&st, &base, 0, 0, "", false);
	ck_assert_int_eq(st.overlay, OVERLAY_POOLS);
	ck_assert(dash_state_pools_key(&st, '\n', 0) & DASH_FX_POOLS_REVIEW);
	fx = dash_state_pools_key(&st, 27, 1.0);
	ck_assert(fx & DASH_FX_REDRAW);
	ck_assert_int_eq(st.overlay, OVERLAY_NONE);
	ck_assert_str_eq(dash_state_current_note(&st, 1.5),
			 "pool change cancelled: nothing was sent or written");
	ck_assert(dash_state_apply(&st, keymap_lookup('v'), 2.0) & DASH_FX_REDRAW);
	ck_assert_int_eq(st.overlay, OVERLAY_ADVICE);
	dash_state_apply(&st, keymap_lookup('v'), 2.0);
	ck_assert_int_eq(st.overlay, OVERLAY_NONE);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pool_dialog");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_opens_prefilled_on_small);
	tcase_add_test(tc, test_edit_keys);
	tcase_add_test(tc, test_field_is_bounded);
	tcase_add_test(tc, test_enter_refuses_invalid_and_focuses_it);
	tcase_add_test(tc, test_review_then_y_applies_when_it_fits);
	tcase_add_test(tc, test_does_not_fit_needs_a_second_y);
	tcase_add_test(tc, test_edited_bufsize_is_sent);
	tcase_add_test(tc, test_cancel_at_every_stage_before_sending);
	tcase_add_test(tc, test_startup_offers_init);
	tcase_add_test(tc, test_no_bufsize_fields_when_not_reported);
	tcase_add_test(tc, test_dash_state_routes_the_dialog);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
