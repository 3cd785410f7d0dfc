/*
 * fixture_io: files for tests, read or written whole; any failure fails the test.
 *
 * fixture_read() returns a file's bytes with a NUL after them (len may be
 * NULL); fixture_json() parses a JSON file and names jansson's complaint when
 * it cannot.  transcript_read() and transcript_result() take a name inside
 * MEMTOP_FIXTURES/transcripts; the latter returns the "result" member of a
 * recorded response.  The caller owns what these return.  fixture_put()
 * writes a text file below root, making the directories on the way, and
 * fixture_rm_tree() removes a tree a test made.
 */
#ifndef FIXTURE_IO_H
#define FIXTURE_IO_H

#include <jansson.h>
#include <stddef.h>

char *fixture_read(const char *path, size_t *len);
json_t *fixture_json(const char *path);
char *transcript_read(const char *name, size_t *len);
json_t *transcript_result(const char *name);
void fixture_write(const char *path, const char *text);
void fixture_put(const char *root, const char *rel, const char *text);
void fixture_rm_tree(const char *root);

#endif
