/*
 * rpc_conn_path: what a Unix socket path is when connecting to it was
 * refused.  Linux answers ECONNREFUSED alike for a socket nobody listens on
 * and for a regular file, a directory or a FIFO at that path; only the last
 * three are a wrong -s, so they are named for what they are.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "rpc_conn.h"

bool rpc_conn_path_not_socket(const char *path, char *buf, size_t len)
{
	struct stat st;
	const char *what;

	if (stat(path, &st) != 0 || S_ISSOCK(st.st_mode))
		return false;
	if (S_ISREG(st.st_mode))
		what = "a regular file";
	else if (S_ISDIR(st.st_mode))
		what = "a directory";
	else if (S_ISFIFO(st.st_mode))
		what = "a FIFO";
	else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		what = "a device";
	else
		what = "not a socket";
	snprintf(buf, len, "%s is %s, not a socket", path, what);
	return true;
}
