/*
 * mt_text: the small text helpers parsers and messages share, so each
 * spells them once: a hex digit's value, and what a file that is not a
 * regular file is ("a FIFO", "a directory"), for errors that refuse it.
 */
#ifndef MT_TEXT_H
#define MT_TEXT_H

#include <sys/types.h>

/* 0..15 for [0-9a-fA-F], else -1. */
int mt_hex_digit(int c);
/* "a directory", "a FIFO", "a socket", "a character device", "a block device", "not a file". */
const char *mt_file_kind(mode_t m);

#endif
