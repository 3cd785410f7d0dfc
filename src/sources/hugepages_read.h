/*
 * hugepages_read: the small file and directory readers behind hugepages.c.
 *
 * Everything is opened relative to a directory fd (a sysfs or procfs root),
 * and read with pread from offset 0 into small fixed buffers, so the caller
 * may keep a file open and read it again each tick: no stdio, no allocation,
 * no shell.  Each reader returns 0 or -errno; -EINVAL means "read, but not in
 * the expected format", -ERANGE "a number beyond uint64", HP_ERR_NOT_FILE
 * "not a regular file: refused unread" (a FIFO or a device under a copied
 * tree must never hang or spin us), -EFBIG "larger than such a file can be".
 */
#ifndef HUGEPAGES_READ_H
#define HUGEPAGES_READ_H

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Linux has no "wrong file type" errno: ENODEV stands for it here, and only here. */
#define HP_ERR_NOT_FILE (-ENODEV)

/*
 * Opens rel for reading, non-blocking (a FIFO without a writer cannot hang
 * the open), and keeps it only if it is a regular file: the fd, or -errno
 * (-EISDIR, HP_ERR_NOT_FILE).
 */
int hp_open_file(int dirfd, const char *rel);

/* A sysfs attribute holding one decimal number ("633\n"), from offset 0 of fd. */
int hp_pread_u64(int fd, uint64_t *out);

/*
 * A meminfo-style file, one "Key:   value [kB]" per line, with or without
 * the "Node N " prefix of the per-node files.  fn is called for each line
 * whose value parses; other lines are skipped.  fn returns false once it has
 * every key it wants: the rest of the file is read as before (the same reads,
 * the same errors) but not parsed, so a key it repeats is not seen again.
 */
typedef bool (*hp_meminfo_fn)(const char *key, uint64_t value, void *ctx);
int hp_pread_meminfo(int fd, hp_meminfo_fn fn, void *ctx);

/*
 * The same for a few keys known beforehand (at most HP_MEMINFO_KEYS, none
 * empty): vals[k] and found[k] for keys[k], as a callback storing them would
 * have them.  Other lines are passed over before their number is read, and
 * the parse stops once every key is found.
 */
#define HP_MEMINFO_KEYS 8
int hp_pread_meminfo_keys(int fd, const char *const *keys, size_t nkeys, uint64_t *vals,
			  bool *found);

/* Opens directory rel for readdir (closedir frees it); 0 or -errno. */
int hp_open_dir(int dirfd, const char *rel, DIR **out);

/*
 * Entries of directory rel named <prefix><decimal><suffix>: keeps the `max`
 * smallest numbers, sorted ascending, in vals.  Returns how many matched in
 * all (more than max when some were left out), or -errno.
 */
int hp_list_numbered(int dirfd, const char *rel, const char *prefix, const char *suffix,
		     uint64_t *vals, size_t max);

#endif
