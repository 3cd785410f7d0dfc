/*
 * Small readers for sysfs and procfs files (contract: hugepages_read.h).
 *
 * sysfs attributes fit in one page and meminfo lines are short, so a few
 * hundred bytes of stack do; a line longer than the line buffer cannot be one
 * we look for and is skipped whole rather than cut into a false match.  Files
 * are read with pread from offset 0, so one open file serves every tick: sysfs
 * and procfs make the text anew for a read at offset 0.  Only regular files
 * are read, and a regular file (sysfs and procfs ones included) gives fewer
 * bytes than asked only at its end: a short read ends the file without the
 * extra read that would return 0, so a sysfs number costs one pread.
 */
#include "hugepages_read.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ATTR_BUF 64
#define CHUNK_BUF 4096    /* /proc/meminfo (about 1.5 KiB) in one read */
#define LINE_BUF 160
/* meminfo is a few KiB; past this a file is not one (and /dev/zero never ends). */
#define MEMINFO_MAX (1u << 20)

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Digits at s[*pos..n); advances *pos.  -EINVAL without a digit, -ERANGE past uint64. */
static int parse_u64(const char *s, size_t n, size_t *pos, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = *pos;

	if (i >= n || !is_digit(s[i]))
		return -EINVAL;
	for (; i < n && is_digit(s[i]); i++) {
		unsigned d = (unsigned)(s[i] - '0');

		if (v > (UINT64_MAX - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*pos = i;
	*out = v;
	return 0;
}

/*
 * Non-blocking, so a FIFO without a writer cannot hang the open; then only a
 * regular file is read (sysfs attributes and procfs files are regular), so a
 * FIFO or a device (/dev/zero) is refused before a byte is read.
 */
int hp_open_file(int dirfd, const char *rel)
{
	struct stat st;
	int fd;

	do
		fd = openat(dirfd, rel, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return S_ISDIR(st.st_mode) ? -EISDIR : HP_ERR_NOT_FILE;
	}
	return fd;
}

static ssize_t read_at(int fd, char *buf, size_t len, size_t off)
{
	ssize_t r;

	do
		r = pread(fd, buf, len, (off_t)off);
	while (r < 0 && errno == EINTR);
	return r < 0 ? -errno : r;
}

int hp_pread_u64(int fd, uint64_t *out)
{
	char buf[ATTR_BUF];
	size_t len = 0, pos = 0;
	int rc = 0;

	while (len < sizeof(buf)) {
		size_t want = sizeof(buf) - len;
		ssize_t r = read_at(fd, buf + len, want, len);

		if (r < 0) {
			rc = (int)r;
			break;
		}
		len += (size_t)r;
		if ((size_t)r < want)
			break;
	}
	if (rc)
		return rc;
	if (len == sizeof(buf))
		return -EINVAL; /* far too long for a number */
	while (pos < len && is_space(buf[pos]))
		pos++;
	rc = parse_u64(buf, len, &pos, out);
	if (rc)
		return rc;
	while (pos < len && is_space(buf[pos]))
		pos++;
	return pos == len ? 0 : -EINVAL;
}

/* Where a line's key starts, past the "Node N " of a node's file; false when that is broken. */
static bool key_start(const char *line, size_t n, size_t *pos)
{
	uint64_t node;

	*pos = 0;
	if (n > 5 && memcmp(line, "Node ", 5) == 0) {
		*pos = 5;
		if (parse_u64(line, n, pos, &node))
			return false;
		while (*pos < n && line[*pos] == ' ')
			(*pos)++;
	}
	return true;
}

/* The number after the key's colon (pos just past it), before any unit. */
static bool value_after(const char *line, size_t n, size_t pos, uint64_t *v)
{
	while (pos < n && is_space(line[pos]))
		pos++;
	return parse_u64(line, n, &pos, v) == 0;
}

struct any_key {
	hp_meminfo_fn fn;
	void *ctx;
};

/* "Node 3 MemTotal:  16384000 kB" or "HugePages_Total:    1024"; fn's answer, or true. */
static bool any_key_line(char *line, size_t n, void *ctx)
{
	const struct any_key *a = ctx;
	size_t pos, key;
	uint64_t v;

	if (!key_start(line, n, &pos))
		return true;
	key = pos;
	while (pos < n && line[pos] != ':' && !is_space(line[pos]))
		pos++;
	if (pos == key || pos >= n || line[pos] != ':' || !value_after(line, n, pos + 1, &v))
		return true;
	line[pos] = '\0';
	return a->fn(line + key, v, a->ctx);
}

struct wanted_keys {
	const char *const *keys;
	size_t nkeys, nfound;
	size_t len[HP_MEMINFO_KEYS];
	uint64_t *vals;
	bool *found;
};

/*
 * The same line when only some keys are wanted: a key that is one of them
 * is exactly its bytes and then the colon, so other lines are passed over
 * without scanning their key or reading their number.
 */
static bool wanted_key_line(char *line, size_t n, void *ctx)
{
	struct wanted_keys *w = ctx;
	size_t pos;

	if (!key_start(line, n, &pos))
		return true;
	for (size_t k = 0; k < w->nkeys; k++) {
		size_t len = w->len[k];
		uint64_t v;

		if (n - pos <= len || line[pos + len] != ':' || line[pos] != w->keys[k][0] ||
		    memcmp(line + pos, w->keys[k], len) != 0)
			continue;
		if (value_after(line, n, pos + len + 1, &v)) {
			w->vals[k] = v;
			w->nfound += !w->found[k];
			w->found[k] = true;
		}
		break;
	}
	return w->nfound < w->nkeys;
}

/*
 * Each line of the file to fn, until fn says it wants no more; the file is
 * read to its end all the same.  A whole line in the chunk is parsed where
 * it lies (a tick reads three to 65 of these files: copying each byte into
 * the line buffer first was a third of the parse); only a line cut by the
 * chunk's end is put together in line.
 */
static int read_lines(int fd, bool (*fn)(char *line, size_t n, void *ctx), void *ctx)
{
	char chunk[CHUNK_BUF];
	char line[LINE_BUF];
	size_t llen = 0, total = 0;
	bool overlong = false, more = true;

	for (;;) {
		ssize_t r = read_at(fd, chunk, sizeof(chunk), total);
		size_t i = 0;

		if (r < 0)
			return (int)r;
		if (r == 0)
			break;
		total += (size_t)r;
		if (total > MEMINFO_MAX)
			return -EFBIG;
		while (more && i < (size_t)r) {
			char *nl = memchr(chunk + i, '\n', (size_t)r - i);
			size_t end = nl ? (size_t)(nl - chunk) : (size_t)r, n = end - i;

			if (nl && !llen && !overlong) {
				if (n < sizeof(line))
					more = fn(chunk + i, n, ctx);
			} else {
				if (!overlong && llen + n < sizeof(line)) {
					memcpy(line + llen, chunk + i, n);
					llen += n;
				} else {
					overlong = true;
				}
				if (nl) {
					if (!overlong)
						more = fn(line, llen, ctx);
					llen = 0;
					overlong = false;
				}
			}
			i = end + 1;
		}
		if ((size_t)r < sizeof(chunk))
			break;
	}
	if (more && llen && !overlong)
		fn(line, llen, ctx);
	return 0;
}

int hp_pread_meminfo(int fd, hp_meminfo_fn fn, void *ctx)
{
	struct any_key a = { fn, ctx };

	return read_lines(fd, any_key_line, &a);
}

int hp_pread_meminfo_keys(int fd, const char *const *keys, size_t nkeys, uint64_t *vals,
			  bool *found)
{
	struct wanted_keys w = { .keys = keys, .nkeys = nkeys, .vals = vals, .found = found };

	if (nkeys > HP_MEMINFO_KEYS)
		return -EINVAL;
	for (size_t k = 0; k < nkeys; k++) {
		w.len[k] = strlen(keys[k]);
		vals[k] = 0;
		found[k] = false;
	}
	return read_lines(fd, wanted_key_line, &w);
}

/* Inserts v into the sorted vals[0..*n), capacity max, dropping the largest when full. */
static void keep_smallest(uint64_t *vals, size_t *n, size_t max, uint64_t v)
{
	size_t i;

	if (max == 0)
		return;
	if (*n == max) {
		if (v >= vals[max - 1])
			return;
		(*n)--;
	}
	for (i = *n; i > 0 && vals[i - 1] > v; i--)
		vals[i] = vals[i - 1];
	vals[i] = v;
	(*n)++;
}

static bool match_numbered(const char *name, const char *prefix, const char *suffix,
			   uint64_t *out)
{
	size_t plen = strlen(prefix), slen = strlen(suffix), n = strlen(name), pos = plen;

	if (n <= plen + slen || memcmp(name, prefix, plen) != 0 ||
	    memcmp(name + n - slen, suffix, slen) != 0)
		return false;
	if (parse_u64(name, n - slen, &pos, out))
		return false;
	return pos == n - slen;
}

int hp_open_dir(int dirfd, const char *rel, DIR **out)
{
	int fd, e;

	do
		fd = openat(dirfd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return -errno;
	*out = fdopendir(fd);
	if (!*out) {
		e = errno;
		close(fd);
		return -e;
	}
	return 0;
}

int hp_list_numbered(int dirfd, const char *rel, const char *prefix, const char *suffix,
		     uint64_t *vals, size_t max)
{
	struct dirent *de;
	size_t kept = 0;
	int total = 0;
	DIR *d;
	int rc = hp_open_dir(dirfd, rel, &d);

	if (rc)
		return rc;
	errno = 0;
	while ((de = readdir(d)) != NULL) {
		uint64_t v;

		if (match_numbered(de->d_name, prefix, suffix, &v)) {
			keep_smallest(vals, &kept, max, v);
			total++;
		}
		errno = 0;
	}
	if (errno) {
		int e = errno;

		closedir(d);
		return -e;
	}
	closedir(d);
	return total;
}
