/* themes: parsing, messages with file:line, fallback, shipped files, colours, ncurses pairs. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_main.h"
#include "fixture_io.h"
#include "theme.h"
#include "ui_palette.h"

#define THEMES_DIR MEMTOP_SOURCE_DIR "/themes"

static struct mt_errlist warn, err;
static struct theme th, def;

static void setup(void)
{
	memset(&warn, 0, sizeof(warn));
	memset(&err, 0, sizeof(err));
	ck_assert_int_eq(theme_builtin("default", &def), 0);
}

static bool same_color(const struct theme_color *a, const struct theme_color *b)
{
	if (a->kind != b->kind)
		return false;
	if (a->kind == THEME_COLOR_INDEX)
		return a->index == b->index;
	if (a->kind == THEME_COLOR_RGB)
		return a->r == b->r && a->g == b->g && a->b == b->b;
	return true;
}

static bool same_style(const struct theme_style *a, const struct theme_style *b)
{
	return same_color(&a->fg, &b->fg) && same_color(&a->bg, &b->bg) && a->attrs == b->attrs;
}

static bool same_theme(const struct theme *a, const struct theme *b)
{
	if (a->monochrome != b->monochrome)
		return false;
	for (int e = 0; e < UI_ELEMENT_COUNT; e++)
		if (!same_style(&a->style[e], &b->style[e]))
			return false;
	return true;
}

/* ---- parsing ---------------------------------------------------------- */

START_TEST(parse_good_values)
{
	const char *text =
		"# a comment\n"
		"\n"
		"   header = black on cyan bold   # trailing comment\n"
		"bar_used=#FF8000 on 17 underline\n"
		"value = bright_white\n"
		"dim = dim\n"
		"selected = reverse\n"
		"alert_critical = BRIGHT_RED on Default bold reverse underline dim\r\n"
		"gap = 244";
	const struct theme_style *st;

	ck_assert_int_eq(theme_parse_string(text, "x.theme", "x", &th, &warn, &err), 0);
	ck_assert_uint_eq(warn.n, 0);
	ck_assert_uint_eq(err.n, 0);
	ck_assert_str_eq(th.name, "x");
	ck_assert(!th.monochrome);

	st = &th.style[UI_HEADER];
	ck_assert_int_eq(st->fg.kind, THEME_COLOR_INDEX);
	ck_assert_int_eq(st->fg.index, 0);
	ck_assert_int_eq(st->bg.index, 6);
	ck_assert_uint_eq(st->attrs, THEME_ATTR_BOLD);

	st = &th.style[UI_BAR_USED];
	ck_assert_int_eq(st->fg.kind, THEME_COLOR_RGB);
	ck_assert_uint_eq(st->fg.r, 0xff);
	ck_assert_uint_eq(st->fg.g, 0x80);
	ck_assert_uint_eq(st->fg.b, 0x00);
	ck_assert_int_eq(st->bg.kind, THEME_COLOR_INDEX);
	ck_assert_int_eq(st->bg.index, 17);
	ck_assert_uint_eq(st->attrs, THEME_ATTR_UNDERLINE);

	ck_assert_int_eq(th.style[UI_VALUE].fg.index, 15);
	ck_assert_uint_eq(th.style[UI_VALUE].attrs, 0);   /* replaces the default's bold */
	ck_assert_int_eq(th.style[UI_DIM].fg.kind, THEME_COLOR_DEFAULT);
	ck_assert_uint_eq(th.style[UI_DIM].attrs, THEME_ATTR_DIM);
	ck_assert_uint_eq(th.style[UI_SELECTED].attrs, THEME_ATTR_REVERSE);
	st = &th.style[UI_ALERT_CRITICAL];
	ck_assert_int_eq(st->fg.index, 9);
	ck_assert_int_eq(st->bg.kind, THEME_COLOR_DEFAULT);
	ck_assert_uint_eq(st->attrs, THEME_ATTR_BOLD | THEME_ATTR_REVERSE | THEME_ATTR_UNDERLINE |
			  THEME_ATTR_DIM);
	ck_assert_int_eq(th.style[UI_GAP].fg.index, 244);

	/* every key not in the text is the default theme's */
	ck_assert(same_style(&th.style[UI_NORMAL], &def.style[UI_NORMAL]));
	ck_assert(same_style(&th.style[UI_FOOTER_TEXT], &def.style[UI_FOOTER_TEXT]));
	ck_assert(same_style(&th.style[UI_SPARKLINE], &def.style[UI_SPARKLINE]));
}
END_TEST

START_TEST(parse_monochrome)
{
	ck_assert_int_eq(theme_parse_string("monochrome = yes\n", "m.theme", "m", &th, &warn, &err),
			 0);
	ck_assert(th.monochrome);
	ck_assert_int_eq(theme_parse_string("monochrome = false\n", "m.theme", "m", &th, &warn,
					    &err), 0);
	ck_assert(!th.monochrome);
	ck_assert_int_eq(theme_parse_string("\n\nmonochrome = maybe\n", "m.theme", "m", &th, &warn,
					    &err), -1);
	ck_assert_uint_eq(err.n, 1);
	ck_assert_str_eq(err.msg[0], "m.theme:3: bad value 'maybe' for monochrome (true or false)");
}
END_TEST

/* A UTF-8 byte order mark before line 1 is skipped; one elsewhere is still a stranger. */
START_TEST(utf8_bom_accepted)
{
	ck_assert_int_eq(theme_parse_string("\xEF\xBB\xBFheader = red\ntitle = green\n",
					    "b.theme", "b", &th, &warn, &err), 0);
	ck_assert_uint_eq(err.n, 0);
	ck_assert_uint_eq(warn.n, 0);
	ck_assert_int_eq(th.style[UI_HEADER].fg.index, 1);
	ck_assert_int_eq(th.style[UI_TITLE].fg.index, 2);

	ck_assert_int_eq(theme_parse_string("header = red\n\xEF\xBB\xBF" "title = green\n",
					    "b.theme", "b", &th, &warn, &err), 0);
	ck_assert_uint_eq(warn.n, 1);
	ck_assert_ptr_nonnull(strstr(warn.msg[0], "b.theme:2: unknown key"));
}
END_TEST

START_TEST(unknown_key_is_a_warning)
{
	const char *text = "normal = default\n"
			   "# comment\n"
			   "foo = red\n"
			   "header = red\n"
			   "header = green\n";

	ck_assert_int_eq(theme_parse_string(text, "themes/x.theme", "x", &th, &warn, &err), 0);
	ck_assert_uint_eq(err.n, 0);
	ck_assert_uint_eq(warn.n, 2);
	ck_assert_str_eq(warn.msg[0], "themes/x.theme:3: unknown key 'foo'");
	ck_assert_str_eq(warn.msg[1], "themes/x.theme:5: 'header' already set on line 4; "
			 "this one wins");
	ck_assert_int_eq(th.style[UI_HEADER].fg.index, 2);
}
END_TEST

START_TEST(bad_values_are_errors_with_fallback)
{
	const char *text = "normal = default\n"          /* 1 */
			   "header = red\n"              /* 2 */
			   "title = blue\n"              /* 3 */
			   "\n"                          /* 4 */
			   "# bar_used below is wrong\n" /* 5 */
			   "\n"                          /* 6 */
			   "bar_used = purpleish\n"      /* 7 */
			   "label = 256\n"               /* 8 */
			   "value = #12345\n"            /* 9 */
			   "border = red on\n"           /* 10 */
			   "dim = red green\n"           /* 11 */
			   "gap =\n"                     /* 12 */
			   "just some words\n"           /* 13 */
			   " = red\n"                    /* 14 */
			   "sparkline = red on blue on green\n"; /* 15 */

	ck_assert_int_eq(theme_parse_string(text, "themes/x.theme", "x", &th, &warn, &err), -1);
	ck_assert_uint_eq(warn.n, 0);
	ck_assert_uint_eq(err.n, 9);
	ck_assert_str_eq(err.msg[0], "themes/x.theme:7: bad colour 'purpleish' for bar_used");
	ck_assert_str_eq(err.msg[1], "themes/x.theme:8: bad colour '256' for label");
	ck_assert_str_eq(err.msg[2], "themes/x.theme:9: bad colour '#12345' for value");
	ck_assert_str_eq(err.msg[3], "themes/x.theme:10: missing colour after 'on' for border");
	ck_assert_str_eq(err.msg[4], "themes/x.theme:11: unexpected colour 'green' for dim "
			 "(expected: fg [on bg] [bold] [reverse] [underline] [dim])");
	ck_assert_str_eq(err.msg[5], "themes/x.theme:12: empty value for gap");
	ck_assert_str_eq(err.msg[6], "themes/x.theme:13: expected 'key = value', got "
			 "'just some words'");
	ck_assert_str_eq(err.msg[7], "themes/x.theme:14: missing key before '='");
	ck_assert_str_eq(err.msg[8], "themes/x.theme:15: two backgrounds for sparkline");
	/* the good lines apply, the bad ones keep the default */
	ck_assert_int_eq(th.style[UI_HEADER].fg.index, 1);
	ck_assert_int_eq(th.style[UI_TITLE].fg.index, 4);
	ck_assert(same_style(&th.style[UI_BAR_USED], &def.style[UI_BAR_USED]));
	ck_assert(same_style(&th.style[UI_LABEL], &def.style[UI_LABEL]));
	ck_assert(same_style(&th.style[UI_VALUE], &def.style[UI_VALUE]));
	ck_assert(same_style(&th.style[UI_BORDER], &def.style[UI_BORDER]));
	ck_assert(same_style(&th.style[UI_DIM], &def.style[UI_DIM]));
	ck_assert(same_style(&th.style[UI_GAP], &def.style[UI_GAP]));
	ck_assert(same_style(&th.style[UI_SPARKLINE], &def.style[UI_SPARKLINE]));
}
END_TEST

START_TEST(long_line_and_null_lists)
{
	char *text = malloc(2000);

	memset(text, 'x', 1999);
	text[1999] = '\0';
	memcpy(text, "title = ", 8);
	/* messages may be dropped, the theme still parses */
	ck_assert_int_eq(theme_parse_string(text, "l.theme", "l", &th, NULL, NULL), -1);
	ck_assert_int_eq(theme_parse_string(text, "l.theme", "l", &th, &warn, &err), -1);
	ck_assert_str_eq(err.msg[0], "l.theme:1: line longer than 511 characters");
	ck_assert(same_theme(&th, &def));
	free(text);
	ck_assert_int_eq(theme_parse_string("", "e.theme", "e", &th, NULL, NULL), 0);
	ck_assert(same_theme(&th, &def));
}
END_TEST

START_TEST(keys_round_trip)
{
	for (int e = 0; e < UI_ELEMENT_COUNT; e++)
		ck_assert_int_eq(theme_element_from_key(theme_element_key((enum ui_element)e)), e);
	ck_assert_int_eq(theme_element_from_key("monochrome"), -1);
	ck_assert_int_eq(theme_element_from_key("nope"), -1);
	ck_assert_str_eq(theme_element_key(UI_BAR_USED), "bar_used");
}
END_TEST

/* ---- shipped and built-in themes --------------------------------------- */

START_TEST(shipped_themes_are_clean_and_built_in)
{
	ck_assert_uint_eq(theme_builtin_count(), 4);
	for (size_t i = 0; i < theme_builtin_count(); i++) {
		const char *name = theme_builtin_name(i);
		char path[512];
		struct theme builtin;
		char *text;

		snprintf(path, sizeof(path), "%s/%s.theme", THEMES_DIR, name);
		memset(&warn, 0, sizeof(warn));
		memset(&err, 0, sizeof(err));
		ck_assert_int_eq(theme_load_file(path, &th, &warn, &err), 0);
		ck_assert_msg(warn.n == 0, "%s: %s", path, warn.msg[0]);
		ck_assert_msg(err.n == 0, "%s: %s", path, err.msg[0]);
		ck_assert_str_eq(th.name, name);
		/* the compiled-in copy is the file, byte for byte */
		text = fixture_read(path, NULL);
		ck_assert_str_eq(theme_builtin_text(name), text);
		/* every key set explicitly, so no theme leans on another */
		for (int e = 0; e < UI_ELEMENT_COUNT; e++) {
			char key[64];

			snprintf(key, sizeof(key), "\n%s ", theme_element_key((enum ui_element)e));
			ck_assert_msg(strstr(text, key), "%s lacks %s", path, key + 1);
		}
		free(text);
		ck_assert_int_eq(theme_builtin(name, &builtin), 0);
		ck_assert(same_theme(&th, &builtin));
	}
	ck_assert_str_eq(theme_builtin_name(0), "default");
	ck_assert_ptr_null(theme_builtin_name(4));
	ck_assert_int_eq(theme_builtin("nope", &th), -1);
	ck_assert_ptr_null(theme_builtin_text("nope"));
	ck_assert(theme_builtin("mono", &th) == 0 && th.monochrome);
	ck_assert(theme_builtin("high-contrast", &th) == 0 && !th.monochrome);
}
END_TEST

START_TEST(builtin_cycle)
{
	ck_assert_str_eq(theme_builtin_next("default"), "light");
	ck_assert_str_eq(theme_builtin_next("light"), "mono");
	ck_assert_str_eq(theme_builtin_next("mono"), "high-contrast");
	ck_assert_str_eq(theme_builtin_next("high-contrast"), "default");
	ck_assert_str_eq(theme_builtin_next("/home/me/my.theme"), "default");
	ck_assert_str_eq(theme_builtin_next(NULL), "default");
}
END_TEST

/* ---- finding ---------------------------------------------------------- */

static char home[64];

static void make_home(void)
{
	char dir[256];

	snprintf(home, sizeof(home), "/tmp/memtop-theme-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(home));
	snprintf(dir, sizeof(dir), "%s/.config", home);
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	snprintf(dir, sizeof(dir), "%s/.config/spdk-memtop", home);
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	snprintf(dir, sizeof(dir), "%s/.config/spdk-memtop/themes", home);
	ck_assert_int_eq(mkdir(dir, 0700), 0);
}

START_TEST(find_by_name_and_path)
{
	char path[THEME_PATH_LEN], mine[512], dir[256];
	struct mt_err e = { 0 };

	/* from the source tree */
	ck_assert_int_eq(theme_find("light", NULL, path, sizeof(path), &e), 0);
	ck_assert_str_eq(path, THEMES_DIR "/light.theme");

	/* a user's file wins over the shipped one */
	make_home();
	snprintf(mine, sizeof(mine), "%s/.config/spdk-memtop/themes/light.theme", home);
	fixture_write(mine, "header = red\n");
	ck_assert_int_eq(theme_find("light", home, path, sizeof(path), &e), 0);
	ck_assert_str_eq(path, mine);
	ck_assert_int_eq(theme_load("light", home, &th, &warn, &err), 0);
	ck_assert_str_eq(th.name, "light");
	ck_assert_int_eq(th.style[UI_HEADER].fg.index, 1);

	/* a path is used as is: with '/' or ending in .theme */
	snprintf(mine, sizeof(mine), "%s/x.theme", home);
	fixture_write(mine, "bar_used = purpleish\nfoo = 1\n");
	ck_assert_int_eq(theme_find(mine, NULL, path, sizeof(path), &e), 0);
	ck_assert_str_eq(path, mine);
	ck_assert_int_eq(theme_load(mine, NULL, &th, &warn, &err), -1);
	ck_assert_uint_eq(err.n, 1);
	ck_assert_uint_eq(warn.n, 1);
	{
		char want[600];

		snprintf(want, sizeof(want), "%s:1: bad colour 'purpleish' for bar_used", mine);
		ck_assert_str_eq(err.msg[0], want);
		snprintf(want, sizeof(want), "%s:2: unknown key 'foo'", mine);
		ck_assert_str_eq(warn.msg[0], want);
	}
	ck_assert_int_eq(chdir(home), 0);
	ck_assert_int_eq(theme_find("x.theme", NULL, path, sizeof(path), &e), 0);
	ck_assert_str_eq(path, "x.theme");

	/* not found: says where it looked */
	ck_assert_int_eq(theme_find("solarized", home, path, sizeof(path), &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "theme 'solarized' not found (looked in "));
	ck_assert_ptr_nonnull(strstr(e.msg, "/.config/spdk-memtop/themes"));
	ck_assert_ptr_nonnull(strstr(e.msg, THEMES_DIR));
	ck_assert_int_eq(theme_find("/no/such.theme", NULL, path, sizeof(path), &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "No such file"));
	ck_assert_int_eq(theme_find("..", NULL, path, sizeof(path), &e), -1);
	ck_assert_int_eq(theme_find("", NULL, path, sizeof(path), &e), -1);

	memset(&err, 0, sizeof(err));
	ck_assert_int_eq(theme_load("solarized", NULL, &th, &warn, &err), -1);
	ck_assert_uint_eq(err.n, 1);
	ck_assert(same_theme(&th, &def));      /* usable all the same */

	unlink(mine);
	snprintf(mine, sizeof(mine), "%s/.config/spdk-memtop/themes/light.theme", home);
	unlink(mine);
	for (int i = 3; i >= 0; i--) {
		static const char *const sub[] = { "", "/.config", "/.config/spdk-memtop",
						   "/.config/spdk-memtop/themes" };

		snprintf(dir, sizeof(dir), "%s%s", home, sub[i]);
		ck_assert_int_eq(rmdir(dir), 0);
	}
}
END_TEST

START_TEST(load_file_errors)
{
	char dir[64] = "/tmp/memtop-theme-XXXXXX", path[128];

	ck_assert_int_eq(theme_load_file("/no/such/dir/a.theme", &th, &warn, &err), -1);
	ck_assert_str_eq(err.msg[0], "/no/such/dir/a.theme: No such file or directory");
	ck_assert(same_theme(&th, &def));
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/bin.theme", dir);
	{
		FILE *f = fopen(path, "w");

		ck_assert_ptr_nonnull(f);
		fwrite("header = red\0xx", 1, 15, f);
		fclose(f);
	}
	ck_assert_int_eq(theme_load_file(path, &th, &warn, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg[1], "binary data"));
	unlink(path);
	rmdir(dir);
}
END_TEST

/* ---- colours ---------------------------------------------------------- */

static struct theme_color rgb(uint8_t r, uint8_t g, uint8_t b)
{
	struct theme_color c = { .kind = THEME_COLOR_RGB, .r = r, .g = g, .b = b };

	return c;
}

static struct theme_color idx(int i)
{
	struct theme_color c = { .kind = THEME_COLOR_INDEX, .index = i };

	return c;
}

START_TEST(nearest_colour)
{
	struct theme_color c, dflt = { .kind = THEME_COLOR_DEFAULT };
	uint8_t r, g, b;

	/* 256 colours: cube and greys, exact where possible */
	c = rgb(0xff, 0, 0);
	ck_assert_int_eq(theme_color_nearest(&c, 256), 196);
	c = rgb(0x5f, 0x87, 0xaf);
	ck_assert_int_eq(theme_color_nearest(&c, 256), 67);
	c = rgb(0x80, 0x80, 0x80);
	ck_assert_int_eq(theme_color_nearest(&c, 256), 244);
	c = rgb(0, 0, 0);
	ck_assert_int_eq(theme_color_nearest(&c, 256), 16);
	c = rgb(0x1f, 0x4e, 0x99);     /* between levels: (0, 95, 135) is nearest */
	ck_assert_int_eq(theme_color_nearest(&c, 256), 24);
	/* 8 and 16 colours */
	c = rgb(0xff, 0, 0);
	ck_assert_int_eq(theme_color_nearest(&c, 8), 1);
	ck_assert_int_eq(theme_color_nearest(&c, 16), 9);
	c = rgb(0xff, 0xa5, 0);        /* orange */
	ck_assert_int_eq(theme_color_nearest(&c, 8), 3);
	c = rgb(0x10, 0x10, 0x10);
	ck_assert_int_eq(theme_color_nearest(&c, 8), 0);
	c = rgb(0xf0, 0xf0, 0xf0);
	ck_assert_int_eq(theme_color_nearest(&c, 8), 7);
	ck_assert_int_eq(theme_color_nearest(&c, 16), 7);  /* 229 is nearer than 255 */
	c = rgb(0xfa, 0xfa, 0xfa);
	ck_assert_int_eq(theme_color_nearest(&c, 8), 7);
	ck_assert_int_eq(theme_color_nearest(&c, 16), 15);
	/* indexes: kept when the terminal has them, else mapped down */
	c = idx(5);
	ck_assert_int_eq(theme_color_nearest(&c, 256), 5);
	ck_assert_int_eq(theme_color_nearest(&c, 8), 5);
	c = idx(12);
	ck_assert_int_eq(theme_color_nearest(&c, 16), 12);
	ck_assert_int_eq(theme_color_nearest(&c, 8), 4);   /* bright blue -> blue */
	c = idx(196);
	ck_assert_int_eq(theme_color_nearest(&c, 8), 1);
	ck_assert_int_eq(theme_color_nearest(&c, 16), 9);
	c = idx(244);
	ck_assert_int_eq(theme_color_nearest(&c, 16), 8);
	/* default, or no colours at all */
	ck_assert_int_eq(theme_color_nearest(&dflt, 256), -1);
	c = idx(3);
	ck_assert_int_eq(theme_color_nearest(&c, 0), -1);
	/* the palette itself */
	theme_xterm_rgb(16 + 36 * 5 + 6 * 2 + 1, &r, &g, &b);
	ck_assert(r == 255 && g == 135 && b == 95);
	theme_xterm_rgb(255, &r, &g, &b);
	ck_assert(r == 238 && g == 238 && b == 238);
	theme_xterm_rgb(9, &r, &g, &b);
	ck_assert(r == 255 && g == 0 && b == 0);
}
END_TEST

/* ---- ncurses ---------------------------------------------------------- */

static SCREEN *scr;
static FILE *out_fp, *in_fp;

static void open_term(const char *term)
{
	out_fp = fopen("/dev/null", "w");
	in_fp = fopen("/dev/null", "r");
	ck_assert_ptr_nonnull(out_fp);
	ck_assert_ptr_nonnull(in_fp);
	scr = newterm(term, out_fp, in_fp);
	ck_assert_ptr_nonnull(scr);
	set_term(scr);
	if (has_colors())
		ck_assert_int_eq(start_color(), OK);
}

static void close_term(void)
{
	endwin();
	delscreen(scr);
	fclose(out_fp);
	fclose(in_fp);
}

static void pair_colours(attr_t a, short *fg, short *bg)
{
	short pair = (short)PAIR_NUMBER(a);

	ck_assert_int_gt(pair, 0);
	ck_assert_int_eq(pair_content(pair, fg, bg), OK);
}

START_TEST(curses_256)
{
	struct ui_palette pal;
	short fg, bg;
	int pairs;

	open_term("xterm-256color");
	ck_assert_int_eq(COLORS, 256);
	ck_assert_int_eq(theme_builtin("default", &th), 0);
	pairs = theme_to_palette(&th, has_colors(), COLORS, false, &pal);
	ck_assert_int_gt(pairs, 0);
	ck_assert_int_lt(pairs, UI_ELEMENT_COUNT);      /* identical pairs are shared */

	pair_colours(pal.attr[UI_HEADER], &fg, &bg);
	ck_assert_int_eq(fg, COLOR_BLACK);
	ck_assert_int_eq(bg, COLOR_CYAN);
	ck_assert_int_eq(PAIR_NUMBER(pal.attr[UI_SELECTED]), PAIR_NUMBER(pal.attr[UI_HEADER]));
	pair_colours(pal.attr[UI_ALERT_CRITICAL], &fg, &bg);
	ck_assert_int_eq(fg, 15);
	ck_assert_int_eq(bg, COLOR_RED);
	ck_assert(pal.attr[UI_ALERT_CRITICAL] & A_BOLD);
	pair_colours(pal.attr[UI_BORDER], &fg, &bg);
	ck_assert_int_eq(fg, COLOR_BLUE);
	ck_assert_int_eq(bg, -1);                       /* terminal's own background */
	ck_assert(!(pal.attr[UI_BORDER] & (A_BOLD | A_REVERSE)));
	ck_assert_int_eq(PAIR_NUMBER(pal.attr[UI_NORMAL]), 0);

	/* #RRGGBB lands on the 256-colour cube */
	ck_assert_int_eq(theme_builtin("light", &th), 0);
	theme_to_palette(&th, has_colors(), COLORS, false, &pal);
	pair_colours(pal.attr[UI_HEADER], &fg, &bg);
	ck_assert_int_eq(fg, 15);
	ck_assert_int_eq(bg, 24);
	pair_colours(pal.attr[UI_BAR_USED], &fg, &bg);
	ck_assert_int_eq(fg, 29);                       /* #00875F exactly */

	/* forced mono: no colour, the mono theme's attributes */
	theme_to_palette(&th, has_colors(), COLORS, true, &pal);
	for (int e = 0; e < UI_ELEMENT_COUNT; e++)
		ck_assert_int_eq(PAIR_NUMBER(pal.attr[e]), 0);
	ck_assert(pal.attr[UI_HEADER] & A_REVERSE);
	ck_assert(pal.attr[UI_ALERT_CRITICAL] & A_REVERSE);
	ck_assert(pal.attr[UI_ALERT_CRITICAL] & A_BOLD);
	ck_assert(pal.attr[UI_ALERT_WARNING] & A_UNDERLINE);

	/* a monochrome theme on a colour terminal: attributes only */
	ck_assert_int_eq(theme_builtin("mono", &th), 0);
	ck_assert_int_eq(theme_to_palette(&th, has_colors(), COLORS, false, &pal), 0);
	ck_assert_int_eq(PAIR_NUMBER(pal.attr[UI_SELECTED]), 0);
	ck_assert(pal.attr[UI_SELECTED] & A_REVERSE);
	ck_assert(pal.attr[UI_DIM] & A_DIM);
	close_term();
}
END_TEST

START_TEST(curses_8)
{
	struct ui_palette pal;
	short fg, bg;

	open_term("xterm");
	ck_assert_int_eq(COLORS, 8);
	ck_assert_int_eq(theme_builtin("light", &th), 0);
	theme_to_palette(&th, has_colors(), COLORS, false, &pal);
	pair_colours(pal.attr[UI_ALERT_CRITICAL], &fg, &bg);
	ck_assert_int_eq(fg, COLOR_WHITE);              /* bright_white -> white, bold */
	ck_assert_int_eq(bg, COLOR_RED);                /* #AF0000 */
	ck_assert(pal.attr[UI_ALERT_CRITICAL] & A_BOLD);
	pair_colours(pal.attr[UI_ALERT_WARNING], &fg, &bg);
	ck_assert_int_eq(fg, COLOR_BLACK);
	ck_assert_int_eq(bg, COLOR_YELLOW);             /* #FFD75F */
	pair_colours(pal.attr[UI_BAR_USED], &fg, &bg);
	ck_assert_int_eq(fg, COLOR_GREEN);              /* #00875F */
	ck_assert(!(pal.attr[UI_BAR_USED] & A_BOLD));

	ck_assert_int_eq(theme_builtin("high-contrast", &th), 0);
	theme_to_palette(&th, has_colors(), COLORS, false, &pal);
	pair_colours(pal.attr[UI_SPARKLINE_ALERT], &fg, &bg);
	ck_assert_int_eq(fg, COLOR_RED);
	ck_assert_int_eq(bg, COLOR_BLACK);
	close_term();
}
END_TEST

START_TEST(curses_no_colours)
{
	struct ui_palette pal;

	open_term("vt100");
	ck_assert(!has_colors());
	ck_assert_int_eq(theme_builtin("default", &th), 0);
	ck_assert_int_eq(theme_to_palette(&th, has_colors(), COLORS, false, &pal), 0);
	for (int e = 0; e < UI_ELEMENT_COUNT; e++)
		ck_assert_int_eq(PAIR_NUMBER(pal.attr[e]), 0);
	ck_assert(pal.attr[UI_HEADER] & A_REVERSE);
	ck_assert(pal.attr[UI_BAR_USED] & A_REVERSE);
	ck_assert(pal.attr[UI_BAR_CACHED] & A_BOLD);
	close_term();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("theme");
	TCase *parse = tcase_create("parse");
	TCase *files = tcase_create("files");
	TCase *colour = tcase_create("colour");

	tcase_add_checked_fixture(parse, setup, NULL);
	tcase_add_test(parse, parse_good_values);
	tcase_add_test(parse, parse_monochrome);
	tcase_add_test(parse, unknown_key_is_a_warning);
	tcase_add_test(parse, utf8_bom_accepted);
	tcase_add_test(parse, bad_values_are_errors_with_fallback);
	tcase_add_test(parse, long_line_and_null_lists);
	tcase_add_test(parse, keys_round_trip);
	suite_add_tcase(s, parse);
	tcase_add_checked_fixture(files, setup, NULL);
	tcase_add_test(files, shipped_themes_are_clean_and_built_in);
	tcase_add_test(files, builtin_cycle);
	tcase_add_test(files, find_by_name_and_path);
	tcase_add_test(files, load_file_errors);
	suite_add_tcase(s, files);
	tcase_add_checked_fixture(colour, setup, NULL);
	tcase_add_test(colour, nearest_colour);
	tcase_add_test(colour, curses_256);
	tcase_add_test(colour, curses_8);
	tcase_add_test(colour, curses_no_colours);
	suite_add_tcase(s, colour);
	return run_suite(s);
}
