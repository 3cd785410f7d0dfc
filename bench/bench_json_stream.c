/*
 * bench_json_stream: how fast json_stream_scan cuts a stream of replies.
 *
 * Builds a synthetic stream of iobuf_get_stats replies (SPDK's exact shape,
 * 12 modules with growing counters, one reply per line) and reports MB/s
 * for: the stateless scan over the whole buffer, the resumable scanner fed
 * 64 KiB at a time (what the client does), and jansson parsing the same
 * values (for scale).  Usage: bench_json_stream [MiB] (default 64).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_scanner.h"
#include "json_stream.h"
#include "mt_clock.h"

static const char *const modules[] = {
	"accel", "bdev", "nvmf_TCP", "nvmf_RDMA", "iscsi", "vhost_blk", "ublk", "nbd",
	"bdev_nvme", "raid", "crypto", "compress",
};

static size_t append_reply(char *out, size_t cap, unsigned long long id)
{
	size_t n = (size_t)snprintf(out, cap, "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"result\":[", id);

	for (size_t m = 0; m < sizeof(modules) / sizeof(modules[0]); m++) {
		unsigned long long base = id * 977 + m * 131;

		n += (size_t)snprintf(out + n, cap - n,
			"%s{\"module\":\"%s\",\"small_pool\":{\"cache\":%llu,\"main\":%llu,"
			"\"retry\":%llu,\"cache_size\":%llu},\"large_pool\":{\"cache\":%llu,"
			"\"main\":%llu,\"retry\":%llu,\"cache_size\":%llu}}",
			m ? "," : "", modules[m], base * 64, base, base % 7, 128ULL * (m + 1),
			base * 8, base / 4, base % 3, 16ULL * (m + 1));
	}
	n += (size_t)snprintf(out + n, cap - n, "]}\n");
	return n;
}

static double mbps(size_t bytes, double secs)
{
	return secs > 0 ? (double)bytes / (1024.0 * 1024.0) / secs : 0;
}

int main(int argc, char **argv)
{
	size_t target = (size_t)(argc > 1 ? atof(argv[1]) : 64) * 1024 * 1024;
	size_t cap = target + 8192, len = 0, values = 0, checked = 0;
	char *buf = malloc(cap);
	unsigned long long id = 1;
	double t0, t1;

	if (!buf || target == 0) {
		fprintf(stderr, "usage: %s [MiB > 0]\n", argv[0]);
		return 2;
	}
	while (len + 4096 < target)
		len += append_reply(buf + len, cap - len, id++);
	printf("stream: %zu replies, %.1f MiB, %zu bytes per reply\n", (size_t)(id - 1),
	       (double)len / (1024 * 1024), len / (size_t)(id - 1));

	/* Stateless: each call scans one value from the front. */
	t0 = mt_now();
	for (size_t off = 0;;) {
		size_t a, b;

		if (json_stream_scan(buf + off, len - off, &a, &b) != JSON_SCAN_COMPLETE)
			break;
		off += b;
		values++;
	}
	t1 = mt_now();
	printf("json_stream_scan:         %8.1f MB/s (%zu values)\n", mbps(len, t1 - t0), values);

	/* Resumable, fed 64 KiB at a time as reads arrive. */
	{
		struct json_scanner sc;
		size_t base = 0, have = 0;

		json_scanner_init(&sc);
		t0 = mt_now();
		while (have < len) {
			size_t a, b;

			have = have + 65536 < len ? have + 65536 : len;
			while (json_scanner_feed(&sc, buf + base, have - base, &a, &b) ==
			       JSON_SCAN_COMPLETE) {
				base += b;
				checked++;
				json_scanner_init(&sc);
			}
		}
		t1 = mt_now();
		printf("json_scanner, 64 KiB reads: %6.1f MB/s (%zu values)\n", mbps(len, t1 - t0),
		       checked);
	}

	/* For scale: jansson building every value. */
	{
		size_t off = 0, parsed = 0, a, b;

		t0 = mt_now();
		while (json_stream_scan(buf + off, len - off, &a, &b) == JSON_SCAN_COMPLETE) {
			json_t *v = json_loadb(buf + off + a, b - a, 0, NULL);

			parsed += v != NULL;
			json_decref(v);
			off += b;
		}
		t1 = mt_now();
		printf("scan + json_loadb:        %8.1f MB/s (%zu values)\n", mbps(len, t1 - t0),
		       parsed);
	}
	free(buf);
	return values == checked ? 0 : 1;
}
