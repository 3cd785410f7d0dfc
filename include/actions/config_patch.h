/*
 * config_patch: set the iobuf pool options in an SPDK JSON config file (what
 * `spdk_tgt -c/--json FILE` loads) for the target's next start.
 *
 * SPDK takes pool counts only before framework init, so for a running target
 * the change has to go into its config file.  Two steps, so the user can
 * review: config_patch_plan() reads and parses the file and computes the
 * change without writing anything; config_patch_apply() writes that plan.
 * Both are actions: the caller passes actions_check() first.
 *
 * What changes: only the keys the request sets, in the "params" of the one
 * "iobuf_set_options" entry of the one "iobuf" subsystem.  Other params
 * (small_bufsize, enable_numa, ...) and everything else keep their meaning
 * and their order.  Missing pieces are added with only the requested keys:
 * "params"; the entry (first in the iobuf "config", which becomes an array if
 * it was null or missing); the iobuf subsystem, where save_config puts it
 * (after leading "vmd"/"keyring" entries, before all others); the
 * "subsystems" key (last in the top-level object).  SPDK's loader runs every
 * startup method before framework_start_init wherever it sits in the file,
 * so the position only keeps the result close to what save_config writes.
 *
 * The file is rewritten the way save_config writes it (2-space indent, key
 * order kept, a final newline): a save_config file comes back byte for byte
 * except the changed values; any other layout is re-indented (`relayout`
 * says so before anything is written).  Refused with nothing written: what
 * jansson cannot carry through unchanged, namely an integer outside int64
 * (SPDK writes uint64 values; 18446744073709551615 cannot be kept), a real
 * outside double range, a duplicate key (one would be lost), comments
 * (spdk_tgt accepts them, a rewrite would drop them); a file with more than
 * one hard link (the other names would keep the old text); a request value
 * below SPDK's minimum (small 64, large 8, small_bufsize 4096, large_bufsize
 * 8192) or beyond what its decoder takes (counts int64 here, bufsizes
 * uint32), since spdk_tgt would refuse to start with it.  Reals survive as
 * the same double, spelled with the fewest digits (up to 17) that give back
 * every real in the file, so "0.1" stays "0.1" but "1e3" becomes "1000.0".
 *
 * Writing: a symlink is followed; its target is rewritten and the link stays.
 * The new text goes to a temporary file next to the target (mkostemp, so
 * O_CREAT|O_EXCL), gets the original's owner and mode, is written whole,
 * fsynced, read back and parsed: with the change taken out it must equal the
 * original as parsed JSON (types, values, key order), or nothing happens.
 * Then the original is copied to PATH.bak (through a temporary file of its
 * own, same owner and mode, fsynced and renamed, so an older PATH.bak is
 * replaced only by a complete copy; `bak_replaced` says beforehand that
 * there is one), the new file is renamed over PATH and the directory
 * fsynced.  On any error the temporary files are removed and PATH is as it
 * was.  A plan whose file changed on disk since it was read is refused.
 *
 * Write access is checked up front with access(2), for the file and for its
 * directory, and the message says which one is read-only (root passes it
 * unless the file system or an immutable flag says no).
 *
 * Errors are values: every function returns 0 or -1 with err->code a
 * negative errno (-ENOENT, -EINVAL for a file that is not JSON or has the
 * wrong shape, -ERANGE for what cannot be kept, -EACCES/-EROFS/-EPERM,
 * -ENOSPC, -EFBIG, -ESTALE, ...) and a message naming the path, the
 * line:column for bad JSON, the JSON path for the wrong shape.
 */
#ifndef CONFIG_PATCH_H
#define CONFIG_PATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "actions.h"
#include "mt_error.h"
#include "rpc_client.h"

#define CONFIG_PATCH_MAX_BYTES (64u * 1024 * 1024)   /* save_config files are a few KiB */
#define CONFIG_PATCH_PATH_LEN 4096
#define CONFIG_PATCH_DIFF_LINES 6
#define CONFIG_PATCH_LINE_LEN 256

/* The iobuf_set_options params a request can set, in SPDK's order. */
enum config_patch_key {
	CONFIG_PATCH_SMALL_POOL_COUNT,
	CONFIG_PATCH_LARGE_POOL_COUNT,
	CONFIG_PATCH_SMALL_BUFSIZE,
	CONFIG_PATCH_LARGE_BUFSIZE,
	CONFIG_PATCH_NKEYS,
};

struct config_patch_value {
	bool requested;      /* the request sets this key */
	bool old_present;    /* the file has it; if not, SPDK's default applies */
	uint64_t old_value;
	uint64_t new_value;  /* the request's value, or old_value when not requested */
};

/* What had to be added because the file did not have it. */
enum config_patch_added {
	CONFIG_PATCH_ADDED_NONE,        /* the entry and its params were there */
	CONFIG_PATCH_ADDED_PARAMS,      /* the entry had no "params" */
	CONFIG_PATCH_ADDED_ENTRY,       /* no iobuf_set_options entry in the iobuf subsystem */
	CONFIG_PATCH_ADDED_SUBSYSTEM,   /* no iobuf subsystem */
	CONFIG_PATCH_ADDED_SUBSYSTEMS,  /* no "subsystems" key */
};

/* Where the change goes and what the file was; for config_patch_apply only. */
struct config_patch_internal {
	char *orig;            /* the file's bytes as read */
	size_t orig_len;
	char *text;            /* what apply writes */
	size_t text_len;
	dev_t dev;
	ino_t ino;
	size_t subsystem_index, entry_index;
	int config_was;        /* ADDED_ENTRY: 0 an array, 1 null, 2 missing */
};

struct config_patch {
	char path[CONFIG_PATCH_PATH_LEN];       /* as given */
	char real_path[CONFIG_PATCH_PATH_LEN];  /* what is rewritten: symlinks resolved */
	char bak_path[CONFIG_PATCH_PATH_LEN];   /* real_path + ".bak" */
	bool is_symlink;       /* path is a symlink; it stays one */
	bool bak_replaced;     /* bak_path exists now and apply will replace it */
	bool changes;          /* false: the file already says this, apply writes nothing */
	bool relayout;         /* the rewrite also changes layout or spelling, not only values */
	enum config_patch_added added;
	int enable_numa;       /* the entry's enable_numa: -1 absent, 0 false, 1 true */
	char params_path[128]; /* JSON path of the params after the change */
	struct config_patch_value values[CONFIG_PATCH_NKEYS];
	/* Lines for the review screen ("...params.large_pool_count: 1024 -> 4096"). */
	size_t n_diff;
	char diff[CONFIG_PATCH_DIFF_LINES][CONFIG_PATCH_LINE_LEN];
	struct config_patch_internal in;
};

/* "small_pool_count", ...: the JSON key. */
const char *config_patch_key_name(enum config_patch_key k);

/*
 * Reads and parses `path`, computes the change and fills *out; writes
 * nothing.  On error *out holds nothing to free.  A request that sets no key
 * is an error.  Free a plan with config_patch_free().
 */
int config_patch_plan(const char *path, const struct iobuf_set_request *req,
		      struct config_patch *out, struct mt_err *err);

/* Writes a plan (see the top of this file).  0 without writing when !p->changes. */
int config_patch_apply(const struct config_patch *p, struct mt_err *err);

/*
 * The action: actions_check() (the --read-only gate; REFUSED, nothing
 * written), then config_patch_apply().  The outcome is OK (the message says
 * what was written and where the original is kept) or FAILED with the
 * error's code and message; 0 or -1 to match.  Synchronous: a local file.
 */
int actions_config_patch(struct actions *a, const struct config_patch *p,
			 struct action_result *res);

/* Frees what a plan owns; safe on a zeroed struct and twice. */
void config_patch_free(struct config_patch *p);

/*
 * The same change live, for a target started with --wait-for-rpc:
 * "scripts/rpc.py [-s ADDR [-p PORT]] iobuf_set_options --small-pool-count N
 * --large-pool-count M [--small-bufsize B] [--large-bufsize B] [--enable-numa]"
 * with rpc.py's own option names.  rpc.py sends "enable_numa": false unless
 * --enable-numa is given, so pass the target's (or the file's) enable_numa to
 * keep it.  addr NULL or the default socket: no -s.  Arguments are quoted for
 * a POSIX shell.  Returns the line's length, or -1 when it does not fit in
 * len (buf then holds nothing) or the request sets no key.
 */
int config_patch_rpc_line(const struct iobuf_set_request *req, bool enable_numa,
			  const struct rpc_addr *addr, char *buf, size_t len);

#endif
