/*
 * Which process serves a Unix socket (contract: target_proc.h).
 *
 * /proc/net/unix prints "Num RefCount Protocol Flags Type St Inode" and then,
 * for a bound socket, one space and the name byte for byte (unix_seq_show):
 * a path keeps its spaces, an abstract name gets a leading '@'.  The inode is
 * padded to five columns, so fields are split by blanks and only the path is
 * taken as "everything after the one space".  Accepted connections inherit
 * the listener's name, which is why only entries flagged __SO_ACCEPTCON
 * (listening) are looked up.
 */
#include "target_proc.h"

#include <dirent.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mt_text.h"

#define SO_ACCEPTCON_FLAG 0x10000ul
#define UNIX_LINE_MAX 512
#define CHUNK 8192
/* Paths in messages are cut to this, so the remedy after them stays whole in MT_ERR_LEN. */
#define MSG_PATH_MAX 48

struct unix_scan {
	unsigned long inodes[TARGET_PROC_MAX_INODES];
	size_t ninodes;
	unsigned long lines;       /* sockets listed */
	size_t not_listening;      /* entries with the path that do not listen */
};

/* Splits one net/unix line; false for the header and anything malformed. */
static bool unix_line(const char *l, size_t n, unsigned long *flags, unsigned long *inode,
		      const char **path, size_t *plen)
{
	unsigned long v[7];
	size_t i = 0;

	for (int f = 0; f < 7; f++) {
		char *end;
		char tok[32];
		size_t t = 0;

		while (i < n && l[i] == ' ')
			i++;
		while (i < n && l[i] != ' ' && t < sizeof(tok) - 1)
			tok[t++] = l[i++];
		if (i < n && l[i] != ' ')
			return false;          /* a token longer than any field */
		if (f == 0 && t && tok[t - 1] == ':')
			t--;                   /* "0000000000000000:" */
		tok[t] = '\0';
		if (!t)
			return false;
		errno = 0;
		v[f] = strtoul(tok, &end, f == 6 ? 10 : 16);
		if (*end || errno)
			return false;
	}
	*flags = v[3];
	*inode = v[6];
	*path = i < n ? l + i + 1 : l + n; /* one space, then the name as bound */
	*plen = i < n ? n - i - 1 : 0;
	return true;
}

static void unix_match(struct unix_scan *s, const char *want, const char *l, size_t n)
{
	unsigned long flags, inode;
	const char *path;
	size_t plen;

	if (!unix_line(l, n, &flags, &inode, &path, &plen))
		return;
	s->lines++;
	if (plen != strlen(want) || memcmp(path, want, plen) != 0)
		return;
	if (!(flags & SO_ACCEPTCON_FLAG)) {
		s->not_listening++;
		return;
	}
	if (s->ninodes < TARGET_PROC_MAX_INODES)
		s->inodes[s->ninodes++] = inode;
}

static int read_net_unix(int procfd, const char *root, const char *want, struct unix_scan *s,
			 struct mt_err *err)
{
	char chunk[CHUNK], line[UNIX_LINE_MAX];
	size_t len = 0, nlines = 0;
	bool overlong = false;
	int fd = openat(procfd, "net/unix", O_RDONLY | O_CLOEXEC);
	ssize_t r;

	if (fd < 0) {
		int e = errno;

		mt_err_set(err, -e, "cannot read %s/net/unix: %s", root, strerror(e));
		return -e;
	}
	while ((r = read(fd, chunk, sizeof(chunk))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		for (ssize_t i = 0; i < r; i++) {
			if (chunk[i] != '\n') {
				if (len < sizeof(line))
					line[len++] = chunk[i];
				else
					overlong = true;
				continue;
			}
			if (!overlong)
				unix_match(s, want, line, len);
			len = 0;
			overlong = false;
			if (++nlines == TARGET_PROC_MAX_UNIX_LINES) {
				close(fd);
				mt_err_set(err, -E2BIG, "%s/net/unix: more than %u sockets; "
					   "stopped reading", root, TARGET_PROC_MAX_UNIX_LINES);
				return -E2BIG;
			}
		}
	}
	if (r < 0) {
		int e = errno;

		close(fd);
		mt_err_set(err, -e, "cannot read %s/net/unix: %s", root, strerror(e));
		return -e;
	}
	close(fd);
	return 0;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

int target_proc_pid_name(const char *name)
{
	long v;

	if (!all_digits(name) || strlen(name) > 10)
		return 0;
	v = strtol(name, NULL, 10);
	return v > 0 && v <= INT32_MAX ? (int)v : 0;
}

struct proc_scan {
	const struct unix_scan *u;
	size_t procs, unreadable, fds;
	int unreadable_errno;      /* why the last unreadable one was */
	bool capped;
	long found[2];
	size_t nfound;
	unsigned long found_inode;
};

static bool holds(const struct unix_scan *u, const char *link, unsigned long *inode)
{
	char *end;
	unsigned long v;

	if (strncmp(link, "socket:[", 8) != 0)
		return false;
	errno = 0;
	v = strtoul(link + 8, &end, 10);
	if (errno || end == link + 8 || strcmp(end, "]") != 0)
		return false;
	for (size_t i = 0; i < u->ninodes; i++) {
		if (u->inodes[i] == v) {
			*inode = v;
			return true;
		}
	}
	return false;
}

/* One process: does any of its fds link to one of the inodes? */
static void scan_fds(int procfd, const char *pid, struct proc_scan *s)
{
	char rel[64], link[64];
	struct dirent *e;
	DIR *d;
	int fdfd;

	snprintf(rel, sizeof(rel), "%s/fd", pid);
	fdfd = openat(procfd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fdfd < 0) {
		if (errno != ENOENT) {    /* ENOENT: it exited while we looked */
			s->unreadable++;
			s->unreadable_errno = errno;
		}
		return;
	}
	d = fdopendir(fdfd);
	if (!d) {
		s->unreadable_errno = errno;
		close(fdfd);
		s->unreadable++;
		return;
	}
	while ((e = readdir(d)) != NULL) {
		unsigned long inode;
		ssize_t n;

		if (e->d_name[0] == '.')
			continue;
		if (s->fds++ == TARGET_PROC_MAX_FDS) {
			s->capped = true;
			break;
		}
		n = readlinkat(fdfd, e->d_name, link, sizeof(link) - 1);
		if (n <= 0)
			continue;
		link[n] = '\0';
		if (holds(s->u, link, &inode)) {
			long p = strtol(pid, NULL, 10);

			if (s->nfound == 0 || (s->nfound == 1 && s->found[0] != p))
				s->found[s->nfound++] = p;
			s->found_inode = inode;
			break;
		}
	}
	closedir(d);
}

static int scan_procs(int procfd, const char *root, struct proc_scan *s, struct mt_err *err)
{
	int dfd = openat(procfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct dirent *e;
	DIR *d;

	if (dfd < 0 || !(d = fdopendir(dfd))) {
		int en = errno;

		if (dfd >= 0)
			close(dfd);
		mt_err_set(err, -en, "cannot list %s: %s", root, strerror(en));
		return -en;
	}
	while ((e = readdir(d)) != NULL && !s->capped && s->nfound < 2) {
		if (!all_digits(e->d_name))
			continue;
		if (s->procs++ == TARGET_PROC_MAX_PROCS) {
			s->capped = true;
			break;
		}
		scan_fds(procfd, e->d_name, s);
	}
	closedir(d);
	return 0;
}

static int not_found(const char *root, const char *path, const struct unix_scan *u,
		     const struct proc_scan *s, struct mt_err *err)
{
	const char *cap = s->capped ? " (the scan's bound hit)" : "";
	char p[MSG_PATH_MAX + 1];

	path = mt_text_elide(path, MSG_PATH_MAX, p, sizeof(p));
	if (s->unreadable) {
		mt_err_set(err, -EACCES, "no process we could read holds the socket on '%s' "
			   "(inode %lu): %zu processes read, %zu could not be%s; run as root or as "
			   "the target's user", path, u->inodes[0], s->procs - s->unreadable,
			   s->unreadable, cap);
		return -EACCES;
	}
	mt_err_set(err, -ENOENT, "no process holds the socket listening on '%s' (inode %lu in "
		   "%s/net/unix): %zu processes, %zu fds read%s", path, u->inodes[0], root,
		   s->procs, s->fds, cap);
	return -ENOENT;
}

/* Opens root and reads the inodes listening on sock_path into u; the procfs fd, or -errno. */
static int listening_inodes(const char *root, const char *sock_path, struct unix_scan *u,
			    struct mt_err *err)
{
	int procfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc;

	memset(u, 0, sizeof(*u));
	if (procfd < 0) {
		int e = errno;

		mt_err_set(err, -e, "cannot open %s: %s", root, strerror(e));
		return -e;
	}
	rc = read_net_unix(procfd, root, sock_path, u, err);
	if (!rc && !u->ninodes) {
		char p[MSG_PATH_MAX + 1];

		mt_err_set(err, -ENOENT, "no listening Unix socket bound to '%s' in %s/net/unix "
			   "(%lu sockets listed, %zu with that name not listening): is the target "
			   "running, in this network namespace, started with that -r path?",
			   mt_text_elide(sock_path, MSG_PATH_MAX, p, sizeof(p)), root, u->lines,
			   u->not_listening);
		rc = -ENOENT;
	}
	if (rc) {
		close(procfd);
		return rc;
	}
	return procfd;
}

int target_proc_check(const char *procfs_root, const char *sock_path, pid_t pid,
		      struct mt_err *err)
{
	const char *root = procfs_root ? procfs_root : "/proc";
	struct unix_scan u;
	struct proc_scan s;
	char name[16], p[MSG_PATH_MAX + 1];
	int procfd = listening_inodes(root, sock_path, &u, err);

	if (procfd < 0)
		return procfd;
	memset(&s, 0, sizeof(s));
	s.u = &u;
	snprintf(name, sizeof(name), "%ld", (long)pid);
	scan_fds(procfd, name, &s);
	close(procfd);
	if (s.nfound == 1)
		return 0;
	sock_path = mt_text_elide(sock_path, MSG_PATH_MAX, p, sizeof(p));
	if (s.unreadable && (s.unreadable_errno == EACCES || s.unreadable_errno == EPERM)) {
		/* Not "does not hold": we were not allowed to look. */
		mt_err_set(err, -s.unreadable_errno, "pid %ld's fds may not be listed (%s), so "
			   "whether it holds the socket on '%s' cannot be checked", (long)pid,
			   strerror(s.unreadable_errno), sock_path);
		return -s.unreadable_errno;
	}
	mt_err_set(err, -ENOENT, "pid %ld does not hold the socket listening on '%s' "
		   "(%zu of its fds read%s)", (long)pid, sock_path, s.fds,
		   s.unreadable ? "; its fds could not be listed" : "");
	return -ENOENT;
}

int target_proc_find(const char *procfs_root, const char *sock_path, pid_t *pid,
		     struct mt_err *err)
{
	const char *root = procfs_root ? procfs_root : "/proc";
	struct unix_scan u;
	struct proc_scan s;
	int procfd, rc;

	memset(&s, 0, sizeof(s));
	s.u = &u;
	*pid = 0;
	procfd = listening_inodes(root, sock_path, &u, err);
	if (procfd < 0)
		return procfd;
	rc = scan_procs(procfd, root, &s, err);
	close(procfd);
	if (rc)
		return rc;
	if (s.nfound > 1) {
		char p[MSG_PATH_MAX + 1];

		mt_err_set(err, -EEXIST, "the socket listening on '%s' is held by pids %ld and "
			   "%ld: which one is the target cannot be told",
			   mt_text_elide(sock_path, MSG_PATH_MAX, p, sizeof(p)), s.found[0],
			   s.found[1]);
		return -EEXIST;
	}
	if (s.nfound == 0)
		return not_found(root, sock_path, &u, &s, err);
	*pid = (pid_t)s.found[0];
	return 0;
}
