/*
 * config_file: the settings file, $XDG_CONFIG_HOME/spdk-memtop/config
 * (~/.config/spdk-memtop/config when XDG_CONFIG_HOME is unset or empty).
 *
 * One `key = value` per line, the keys the long flags' names without dashes
 * (socket, port, timeout and interval for -s, -p, -t, -d; theme, the
 * thresholds, baseline-dir, prometheus-textfile, ...: cli_apply_setting()).
 * Blank lines and lines starting with # are ignored; spaces around key and
 * value are not part of them.  A bad line is an error naming file:line, the
 * key and the value.  A missing file is no error.  Values are kept in `text`,
 * which must live as long as the options that point into it.
 */
#ifndef CONFIG_FILE_H
#define CONFIG_FILE_H

#include <stddef.h>

#include "cli_options.h"
#include "mt_error.h"

/* The file's path from the environment's values (either may be NULL); 0, or -1 if none. */
int config_file_path(const char *xdg_config_home, const char *home, char *buf, size_t len);

/* Applies text (modified in place: values point into it) to *o.  name is for messages. */
int config_text_apply(char *text, const char *name, struct cli_options *o, struct mt_err *err);

/*
 * Reads path and applies it; *text receives the buffer (free it after the
 * options are no longer used; NULL when the file does not exist).
 */
int config_file_apply(const char *path, struct cli_options *o, char **text, struct mt_err *err);

#endif
