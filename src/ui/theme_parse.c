/*
 * Theme files: parsing over the built-in default, loading, finding by name.
 * No terminal here; ui_palette.c turns a parsed theme into attributes.
 */
#include "theme.h"
#include "theme_builtin.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* A theme has 21 keys; anything near this is not a theme file. */
#define THEME_FILE_MAX (64 * 1024)
#define THEME_LINE_MAX 512

static const char *const element_keys[UI_ELEMENT_COUNT] = {
#define UI_KEY(e, key, what) [e] = key,
	UI_ELEMENTS(UI_KEY)
#undef UI_KEY
};

static const char *const color_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

int theme_element_from_key(const char *key)
{
	for (int i = 0; i < UI_ELEMENT_COUNT; i++)
		if (strcmp(element_keys[i], key) == 0)
			return i;
	return -1;
}

const char *theme_element_key(enum ui_element e)
{
	return (unsigned)e < UI_ELEMENT_COUNT ? element_keys[e] : "invalid";
}

/* ---- values ----------------------------------------------------------- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int parse_color(const char *tok, struct theme_color *out)
{
	memset(out, 0, sizeof(*out));
	if (strcasecmp(tok, "default") == 0) {
		out->kind = THEME_COLOR_DEFAULT;
		return 0;
	}
	if (tok[0] == '#') {
		int v[6];

		if (strlen(tok) != 7)
			return -1;
		for (int i = 0; i < 6; i++)
			if ((v[i] = hexval(tok[1 + i])) < 0)
				return -1;
		out->kind = THEME_COLOR_RGB;
		out->r = (uint8_t)(v[0] * 16 + v[1]);
		out->g = (uint8_t)(v[2] * 16 + v[3]);
		out->b = (uint8_t)(v[4] * 16 + v[5]);
		return 0;
	}
	if (isdigit((unsigned char)tok[0])) {
		long n = 0;

		for (const char *p = tok; *p; p++) {
			if (!isdigit((unsigned char)*p))
				return -1;
			n = n * 10 + (*p - '0');
			if (n > 255)
				return -1;
		}
		out->kind = THEME_COLOR_INDEX;
		out->index = (int)n;
		return 0;
	}
	for (int bright = 0; bright <= 1; bright++) {
		const char *name = tok;

		if (bright) {
			if (strncasecmp(tok, "bright_", 7) != 0)
				break;
			name = tok + 7;
		}
		for (int i = 0; i < 8; i++) {
			if (strcasecmp(name, color_names[i]) == 0) {
				out->kind = THEME_COLOR_INDEX;
				out->index = i + 8 * bright;
				return 0;
			}
		}
	}
	return -1;
}

static unsigned attr_word(const char *tok)
{
	if (strcasecmp(tok, "bold") == 0)
		return THEME_ATTR_BOLD;
	if (strcasecmp(tok, "reverse") == 0)
		return THEME_ATTR_REVERSE;
	if (strcasecmp(tok, "underline") == 0)
		return THEME_ATTR_UNDERLINE;
	if (strcasecmp(tok, "dim") == 0)
		return THEME_ATTR_DIM;
	return 0;
}

/* Where a message is about: "themes/x.theme:7". */
struct where {
	const char *origin;
	unsigned line;
	struct mt_errlist *errors;
};

#define STYLE_GRAMMAR "fg [on bg] [bold] [reverse] [underline] [dim]"

/* One token of a value; false (with the message added) when it is wrong. */
static bool style_token(char *tok, const char *key, const struct where *w,
			struct theme_style *st, bool *have_fg, bool *want_bg, bool *have_bg)
{
	unsigned a = attr_word(tok);
	struct theme_color c;

	if (*want_bg) {
		if (parse_color(tok, &c) < 0)
			goto bad_colour;
		st->bg = c;
		*have_bg = true;
		*want_bg = false;
	} else if (a) {
		st->attrs |= a;
	} else if (strcasecmp(tok, "on") == 0) {
		if (*have_bg) {
			mt_errlist_add(w->errors, "%s:%u: two backgrounds for %s", w->origin,
				       w->line, key);
			return false;
		}
		*want_bg = true;
	} else if (parse_color(tok, &c) == 0) {
		if (*have_fg || *have_bg) {
			mt_errlist_add(w->errors, "%s:%u: unexpected colour '%s' for %s (expected: "
				       STYLE_GRAMMAR ")", w->origin, w->line, tok, key);
			return false;
		}
		st->fg = c;
		*have_fg = true;
	} else {
		goto bad_colour;
	}
	return true;
bad_colour:
	mt_errlist_add(w->errors, "%s:%u: bad colour '%s' for %s", w->origin, w->line, tok, key);
	return false;
}

/* Tokens of `value` into a style; on error nothing is changed. */
static int parse_style(char *value, const char *key, const struct where *w,
		       struct theme_style *out)
{
	struct theme_style st = { 0 };
	bool have_fg = false, want_bg = false, have_bg = false;
	char *save = NULL;
	int ntok = 0;

	for (char *tok = strtok_r(value, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		ntok++;
		if (!style_token(tok, key, w, &st, &have_fg, &want_bg, &have_bg))
			return -1;
	}
	if (ntok == 0) {
		mt_errlist_add(w->errors, "%s:%u: empty value for %s", w->origin, w->line, key);
		return -1;
	}
	if (want_bg) {
		mt_errlist_add(w->errors, "%s:%u: missing colour after 'on' for %s", w->origin,
			       w->line, key);
		return -1;
	}
	*out = st;
	return 0;
}

static int parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

/* ---- lines ------------------------------------------------------------ */

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t' || *s == '\r')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* A '#' between blanks (or at the start) begins a comment; "#RRGGBB" does not. */
static void cut_comment(char *s)
{
	for (char *p = s; *p; p++) {
		if (*p != '#')
			continue;
		if (p != s && p[-1] != ' ' && p[-1] != '\t')
			continue;
		if (p == s || p[1] == '\0' || p[1] == ' ' || p[1] == '\t') {
			*p = '\0';
			return;
		}
	}
}

struct parse_state {
	struct where w;
	struct mt_errlist *warnings;
	struct theme *out;
	unsigned set_line[UI_ELEMENT_COUNT + 1];  /* last line that set a key; +1: monochrome */
	int nerrors;
};

static void parse_line(struct parse_state *ps, char *line)
{
	char *eq, *key, *value, *s;
	int e;

	if (strchr(line, '\n'))
		*strchr(line, '\n') = '\0';
	s = trim(line);
	if (*s == '#' || *s == '\0')
		return;
	cut_comment(s);
	s = trim(s);
	if (*s == '\0')
		return;
	eq = strchr(s, '=');
	if (!eq) {
		mt_errlist_add(ps->w.errors, "%s:%u: expected 'key = value', got '%s'",
			       ps->w.origin, ps->w.line, s);
		ps->nerrors++;
		return;
	}
	*eq = '\0';
	key = trim(s);
	value = trim(eq + 1);
	if (*key == '\0') {
		mt_errlist_add(ps->w.errors, "%s:%u: missing key before '='", ps->w.origin,
			       ps->w.line);
		ps->nerrors++;
		return;
	}
	if (strcmp(key, "monochrome") == 0) {
		e = UI_ELEMENT_COUNT;
	} else {
		e = theme_element_from_key(key);
		if (e < 0) {
			mt_errlist_add(ps->warnings, "%s:%u: unknown key '%s'", ps->w.origin,
				       ps->w.line, key);
			return;
		}
	}
	if (ps->set_line[e])
		mt_errlist_add(ps->warnings, "%s:%u: '%s' already set on line %u; this one wins",
			       ps->w.origin, ps->w.line, key, ps->set_line[e]);
	if (e == UI_ELEMENT_COUNT) {
		if (parse_bool(value, &ps->out->monochrome) < 0) {
			mt_errlist_add(ps->w.errors, "%s:%u: bad value '%s' for monochrome "
				       "(true or false)", ps->w.origin, ps->w.line, value);
			ps->nerrors++;
			return;
		}
	} else if (parse_style(value, key, &ps->w, &ps->out->style[e]) < 0) {
		ps->nerrors++;
		return;
	}
	ps->set_line[e] = ps->w.line;
}

static int parse_over(const char *text, const char *origin, struct theme *out,
		      struct mt_errlist *warnings, struct mt_errlist *errors)
{
	struct parse_state ps = { .w = { origin, 0, errors }, .warnings = warnings, .out = out };
	const char *p = text;

	/* Editors on some systems start a UTF-8 file with a BOM: not part of line 1's key. */
	if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char line[THEME_LINE_MAX];

		ps.w.line++;
		if (n >= sizeof(line)) {
			mt_errlist_add(errors, "%s:%u: line longer than %d characters", origin,
				       ps.w.line, THEME_LINE_MAX - 1);
			ps.nerrors++;
		} else {
			memcpy(line, p, n);
			line[n] = '\0';
			parse_line(&ps, line);
		}
		p += n;
		if (*p == '\n')
			p++;
	}
	return ps.nerrors ? -1 : 0;
}

/* ---- built-ins -------------------------------------------------------- */

size_t theme_builtin_count(void)
{
	return theme_builtins_count;
}

const char *theme_builtin_name(size_t i)
{
	return i < theme_builtins_count ? theme_builtins[i].name : NULL;
}

const char *theme_builtin_text(const char *name)
{
	for (size_t i = 0; name && i < theme_builtins_count; i++)
		if (strcmp(theme_builtins[i].name, name) == 0)
			return theme_builtins[i].text;
	return NULL;
}

const char *theme_builtin_next(const char *name)
{
	for (size_t i = 0; name && i < theme_builtins_count; i++)
		if (strcmp(theme_builtins[i].name, name) == 0)
			return theme_builtins[(i + 1) % theme_builtins_count].name;
	return theme_builtins[0].name;
}

static void set_name(struct theme *t, const char *name)
{
	snprintf(t->name, sizeof(t->name), "%s", name);
}

/* The default theme over a blank one: every element is set by its text. */
static void theme_default(struct theme *out)
{
	memset(out, 0, sizeof(*out));
	parse_over(theme_builtins[0].text, "built-in default", out, NULL, NULL);
	set_name(out, theme_builtins[0].name);
}

int theme_parse_string(const char *text, const char *origin, const char *name,
		       struct theme *out, struct mt_errlist *warnings, struct mt_errlist *errors)
{
	int rc;

	theme_default(out);
	rc = parse_over(text ? text : "", origin ? origin : "theme", out, warnings, errors);
	set_name(out, name ? name : "");
	return rc;
}

int theme_builtin(const char *name, struct theme *out)
{
	const char *text = theme_builtin_text(name);
	char origin[THEME_NAME_LEN + 16];

	if (!text)
		return -1;
	snprintf(origin, sizeof(origin), "built-in %s", name);
	theme_parse_string(text, origin, name, out, NULL, NULL);
	return 0;
}

/* ---- files ------------------------------------------------------------ */

/* "themes/x.theme" -> "x" */
static void name_from_path(const char *path, char *buf, size_t len)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 6 && strcmp(base + n - 6, ".theme") == 0)
		n -= 6;
	snprintf(buf, len, "%.*s", (int)n, base);
}

int theme_load_file(const char *path, struct theme *out, struct mt_errlist *warnings,
		    struct mt_errlist *errors)
{
	char name[THEME_NAME_LEN];
	FILE *f;
	char *text;
	size_t n;
	int rc;

	theme_default(out);
	f = fopen(path, "r");
	if (!f) {
		mt_errlist_add(errors, "%s: %s", path, strerror(errno));
		return -1;
	}
	text = malloc(THEME_FILE_MAX + 1);
	if (!text) {
		fclose(f);
		mt_errlist_add(errors, "%s: out of memory", path);
		return -1;
	}
	n = fread(text, 1, THEME_FILE_MAX + 1, f);
	if (ferror(f) || n > THEME_FILE_MAX) {
		mt_errlist_add(errors, "%s: %s", path, ferror(f) ? strerror(errno) :
			       "larger than 64 KiB, not a theme file");
		fclose(f);
		free(text);
		return -1;
	}
	fclose(f);
	text[n] = '\0';
	if (memchr(text, '\0', n)) {
		mt_errlist_add(errors, "%s: binary data, not a theme file", path);
		free(text);
		return -1;
	}
	name_from_path(path, name, sizeof(name));
	rc = theme_parse_string(text, path, name, out, warnings, errors);
	free(text);
	return rc;
}

static bool is_path(const char *s)
{
	size_t n = strlen(s);

	return strchr(s, '/') || (n >= 6 && strcmp(s + n - 6, ".theme") == 0);
}

/* A theme name is one file name: no hidden files, no separators. */
static bool valid_name(const char *s)
{
	if (!*s || *s == '.' || strlen(s) >= THEME_NAME_LEN)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
			return false;
	return true;
}

/* PREFIX/share/spdk-memtop/themes when this program runs as PREFIX/bin/NAME. */
static bool installed_datadir(char *buf, size_t len)
{
	char exe[THEME_PATH_LEN];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash || slash - exe < 4 || strncmp(slash - 4, "/bin", 4) != 0)
		return false;
	slash[-4] = '\0';
	return snprintf(buf, len, "%s/share/spdk-memtop/themes", exe) < (int)len;
}

int theme_find(const char *name_or_path, const char *home, char *path, size_t len,
	       struct mt_err *err)
{
	char dirs[4][THEME_PATH_LEN];
	char looked[MT_ERR_LEN] = "";
	size_t ndirs = 0;

	if (!name_or_path || !*name_or_path) {
		mt_err_set(err, -EINVAL, "theme: empty name");
		return -1;
	}
	if (is_path(name_or_path)) {
		if (access(name_or_path, R_OK) != 0) {
			mt_err_set(err, -errno, "theme %s: %s", name_or_path, strerror(errno));
			return -1;
		}
		snprintf(path, len, "%s", name_or_path);
		return 0;
	}
	if (!valid_name(name_or_path)) {
		mt_err_set(err, -EINVAL, "theme '%s': not a theme name (letters, digits, '-', "
			   "'_') nor a path", name_or_path);
		return -1;
	}
	if (home && *home)
		snprintf(dirs[ndirs++], THEME_PATH_LEN, "%s/.config/spdk-memtop/themes", home);
	/* Installed under any prefix (cmake --install --prefix): PREFIX/bin/x -> PREFIX/share. */
	if (installed_datadir(dirs[ndirs], THEME_PATH_LEN))
		ndirs++;
	snprintf(dirs[ndirs++], THEME_PATH_LEN, "%s/themes", MEMTOP_SOURCE_DIR);
	snprintf(dirs[ndirs++], THEME_PATH_LEN, "%s/themes", MEMTOP_INSTALL_DATADIR);
	for (size_t i = 0; i < ndirs; i++) {
		char candidate[THEME_PATH_LEN + THEME_NAME_LEN + 8];
		size_t used = strlen(looked);

		snprintf(candidate, sizeof(candidate), "%s/%s.theme", dirs[i], name_or_path);
		if (access(candidate, R_OK) == 0) {
			if (strlen(candidate) >= len) {
				mt_err_set(err, -ENAMETOOLONG, "theme path too long: %s",
					   candidate);
				return -1;
			}
			snprintf(path, len, "%s", candidate);
			return 0;
		}
		snprintf(looked + used, sizeof(looked) - used, "%s%s", i ? ", " : "", dirs[i]);
	}
	mt_err_set(err, -ENOENT, "theme '%s' not found (looked in %s)", name_or_path, looked);
	return -1;
}

int theme_load(const char *name_or_path, const char *home, struct theme *out,
	       struct mt_errlist *warnings, struct mt_errlist *errors)
{
	char path[THEME_PATH_LEN];
	struct mt_err err = { 0 };

	if (theme_find(name_or_path, home, path, sizeof(path), &err) == 0)
		return theme_load_file(path, out, warnings, errors);
	if (name_or_path && !is_path(name_or_path) && theme_builtin(name_or_path, out) == 0)
		return 0;
	theme_default(out);
	mt_errlist_add(errors, "%s", err.msg);
	return -1;
}
