/* theme_builtin: the compiled-in theme texts, in `t` cycling order ("default" first). */
#ifndef THEME_BUILTIN_H
#define THEME_BUILTIN_H

#include <stddef.h>

struct theme_builtin_entry {
	const char *name;
	const char *text;
};

extern const struct theme_builtin_entry theme_builtins[];
extern const size_t theme_builtins_count;

#endif
