/* recorder_int: what recorder.c and recorder_dump.c share (contract: recorder.h). */
#ifndef RECORDER_INT_H
#define RECORDER_INT_H

#include <stddef.h>

/* write(2) until all of buf is out; -1 with errno on failure. */
int recorder_write_all(int fd, const char *buf, size_t len);

#endif
