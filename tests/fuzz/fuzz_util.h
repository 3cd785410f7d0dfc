/*
 * fuzz_util: what the libFuzzer targets share.  Parsers that read files are
 * fed the input as a real file in a private directory (under $TMPDIR,
 * removed at exit), so the code under test is the code that runs, reads
 * and all; text parsers that want a C string get a NUL-terminated copy.
 */
#ifndef FUZZ_UTIL_H
#define FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* The private directory, made on first use; aborts when it cannot be. */
const char *fuzz_dir(void);
/* Replaces fuzz_dir()/name with data[0..n); returns its path (static storage). */
const char *fuzz_file(const char *name, const uint8_t *data, size_t n);
/* A malloc'd NUL-terminated copy (the caller frees); aborts when out of memory. */
char *fuzz_cstr(const uint8_t *data, size_t n);

#endif
