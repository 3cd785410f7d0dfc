/* Thousands separators and binary byte sizes for banners, tables and reports. */
#include "fmt_num.h"
#include "mt_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Copies src into buf, cut to fit (these run for every number of every frame). */
static char *put(char *buf, size_t len, const char *src)
{
	return mt_text_join(buf, len, src, NULL);
}

/* Digits with separators, right to left, into tmp; returns the start. */
static char *group(char *end, uint64_t n)
{
	char *p = end;
	int digits = 0;

	*p = '\0';
	do {
		if (digits > 0 && digits % 3 == 0)
			*--p = ',';
		*--p = (char)('0' + n % 10);
		n /= 10;
		digits++;
	} while (n);
	return p;
}

/* Two digits a division: a snapshot line is hundreds of numbers, a tick. */
char *fmt_u64_digits(uint64_t v, char *end)
{
	static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930"
				    "31323334353637383940414243444546474849505152535455565758596061"
				    "62636465666768697071727374757677787980818283848586878889909192"
				    "93949596979899";

	while (v >= 100) {
		const char *d = pairs + 2 * (v % 100);

		end -= 2;
		end[0] = d[0];
		end[1] = d[1];
		v /= 100;
	}
	if (v >= 10) {
		end -= 2;
		end[0] = pairs[2 * v];
		end[1] = pairs[2 * v + 1];
		return end;
	}
	*--end = (char)('0' + v);
	return end;
}

unsigned fmt_u64_len(uint64_t v)
{
	uint64_t p = 10;
	unsigned n = 1;

	/* 10^19 is the last power of ten below 2^64: after it p would wrap */
	while (v >= p && n < 20) {
		n++;
		p = n < 20 ? p * 10 : p;
	}
	return n;
}

char *fmt_thousands(char *buf, size_t len, uint64_t n)
{
	char tmp[FMT_NUM_LEN];

	return put(buf, len, group(tmp + sizeof(tmp) - 1, n));
}

char *fmt_rate(char *buf, size_t len, double v)
{
	char tmp[FMT_NUM_LEN];
	char *p;
	double mag;

	if (isnan(v))
		return put(buf, len, "-");
	mag = fabs(v);
	if (isinf(v) || mag >= 1.8e19)
		return put(buf, len, v < 0 ? "-inf" : "inf");
	p = group(tmp + sizeof(tmp) - 1, (uint64_t)llround(mag));
	if (v < 0 && strcmp(p, "0") != 0)
		*--p = '-';
	return put(buf, len, p);
}

char *fmt_short(char *buf, size_t len, double v)
{
	static const char *const suffix[] = { "", "k", "M", "G", "T", "P", "E" };
	char tmp[FMT_NUM_LEN];
	double mag;
	size_t u = 0;

	if (isnan(v))
		return put(buf, len, "-");
	mag = fabs(v);
	if (isinf(v))
		return put(buf, len, v < 0 ? "-inf" : "inf");
	if (mag < 9999.5) {
		snprintf(tmp, sizeof(tmp), "%s%.0f", v < 0 && mag >= 0.5 ? "-" : "", mag);
		return put(buf, len, tmp);
	}
	/* 999.5k rounds to "1000k": go up a unit, "1.0M", as a reader would say it. */
	while (mag >= 999.5 && u + 1 < sizeof(suffix) / sizeof(suffix[0])) {
		mag /= 1000;
		u++;
	}
	snprintf(tmp, sizeof(tmp), mag < 9.95 ? "%s%.1f%s" : "%s%.0f%s", v < 0 ? "-" : "", mag,
		 suffix[u]);
	return put(buf, len, tmp);
}

char *fmt_bytes(char *buf, size_t len, uint64_t bytes)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	char tmp[FMT_NUM_LEN];
	double v = (double)bytes;
	size_t u = 0;

	if (bytes < 1024) {
		snprintf(tmp, sizeof(tmp), "%u B", (unsigned)bytes);
		return put(buf, len, tmp);
	}
	while (v >= 1024.0 && u + 1 < sizeof(units) / sizeof(units[0])) {
		v /= 1024.0;
		u++;
	}
	/* 1023.96 KiB would print as "1024 KiB": say "1.0 MiB" instead. */
	if (v >= 1023.5 && u + 1 < sizeof(units) / sizeof(units[0])) {
		v /= 1024.0;
		u++;
	}
	if (v < 9.95)
		snprintf(tmp, sizeof(tmp), "%.1f %s", v, units[u]);
	else
		snprintf(tmp, sizeof(tmp), "%.0f %s", v, units[u]);
	return put(buf, len, tmp);
}

char *fmt_kib(char *buf, size_t len, uint64_t kib)
{
	if (kib > UINT64_MAX / 1024)
		kib = UINT64_MAX / 1024;
	return fmt_bytes(buf, len, kib * 1024);
}
