/*
 * The recording loader: the input is written to a file and opened with
 * replay_open() (every line checked; torn lines skipped with a note), then
 * every snapshot it indexed is decoded and the playback is walked to its
 * end unpaced, as --replay with the headless modes does.
 */
#include <stdlib.h>

#include "fuzz_util.h"
#include "replay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mt_err err = { 0 };
	struct replay *r = replay_open(fuzz_file("rec.jsonl", data, size), 0, &err);
	struct snapshot *s;
	size_t i;

	if (!r)
		return 0;
	s = calloc(1, sizeof(*s));
	if (!s)
		abort();
	for (i = 0; i < replay_count(r); i++) {
		if (replay_get(r, i, s, &err) != 0)
			abort(); /* open accepted the line: only memory may fail here */
		replay_time(r, i);
	}
	for (i = 0; i < replay_note_count(r); i++)
		if (!replay_note(r, i))
			abort();
	if (replay_count(r) > 0)
		replay_find_time(r, replay_time(r, replay_count(r) - 1));
	free(s);
	replay_free(r);
	return 0;
}
