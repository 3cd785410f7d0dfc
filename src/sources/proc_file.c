/* Bounded procfs file readers (contract: proc_file.h). */
#include "proc_file.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#define CHUNK 8192

int proc_file_pump(int fd, uint64_t max, proc_file_chunk_fn fn, void *ctx)
{
	char chunk[CHUNK];
	uint64_t total = 0;

	for (;;) {
		ssize_t r = read(fd, chunk, sizeof(chunk));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return 0;
		if (total + (uint64_t)r > max)
			return -EFBIG;
		total += (uint64_t)r;
		fn(ctx, chunk, (size_t)r);
	}
}

int proc_file_stream(int dirfd, const char *rel, uint64_t max, proc_file_chunk_fn fn, void *ctx)
{
	int fd = hp_open_file(dirfd, rel), rc;

	if (fd < 0)
		return fd;
	rc = proc_file_pump(fd, max, fn, ctx);
	close(fd);
	return rc;
}

struct first_line {
	char *buf;
	size_t len, used;
	bool done;
};

static void take_line(void *ctx, const char *p, size_t n)
{
	struct first_line *f = ctx;

	for (size_t i = 0; i < n && !f->done; i++) {
		if (p[i] == '\n')
			f->done = true;
		else if (f->used + 1 < f->len)
			f->buf[f->used++] = p[i];
	}
	f->buf[f->used] = '\0';
}

int proc_file_line(int dirfd, const char *rel, char *buf, size_t len)
{
	struct first_line f = { buf, len, 0, false };

	if (len == 0)
		return -EINVAL;
	buf[0] = '\0';
	/* comm is 16 bytes; a page is far more than any one-line procfs file */
	return proc_file_stream(dirfd, rel, 4096, take_line, &f);
}
