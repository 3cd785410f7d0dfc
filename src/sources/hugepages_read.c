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

/* "Node 3 MemTotal:  16384000 kB" or "HugePages_Total:    1024"; fn's answer, or true. */
static bool meminfo_line(char *line, size_t n, hp_meminfo_fn fn, void *ctx)
{
	size_t pos = 0, key, colon;
	uint64_t v;

	if (n > 5 && memcmp(line, "Node ", 5) == 0) {
		pos = 5;
		if (parse_u64(line, n, &pos, &v))
			return true;
		while (pos < n && line[pos] == ' ')
			pos++;
	}
	key = pos;
	while (pos < n && line[pos] != ':' && !is_space(line[pos]))
		pos++;
	if (pos == key || pos >= n || line[pos] != ':')
		return true;
	colon = pos++;
	while (pos < n && is_space(line[pos]))
		pos++;
	if (parse_u64(line, n, &pos, &v))
		return true;
	line[colon] = '\0';
	return fn(line + key, v, ctx);
}

/*
 * A whole line in the chunk is parsed where it lies (a tick reads three to
 * 65 of these files: copying each byte into the line buffer first was a
 * third of the parse); only a line cut by the chunk's end is put together
 * in line.
 */
int hp_pread_meminfo(int fd, hp_meminfo_fn fn, void *ctx)
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
					more = meminfo_line(chunk + i, n, fn, ctx);
			} else {
				if (!overlong && llen + n < sizeof(line)) {
					memcpy(line + llen, chunk + i, n);
					llen += n;
				} else {
					overlong = true;
				}
				if (nl) {
					if (!overlong)
						more = meminfo_line(line, llen, fn, ctx);
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
		meminfo_line(line, llen, fn, ctx);
	return 0;
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
