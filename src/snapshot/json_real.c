/* A real as jansson writes it, mostly without printf (contract: json_real.h). */
#include "json_real.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fmt_num.h"

__extension__ typedef unsigned __int128 u128;

#define E16 10000000000000000ull   /* 17 digits start here */
#define E17 100000000000000000ull
#define MAX_K 21                   /* 10^21 scales 1e-4 to 17 digits */

static const uint64_t pow5[MAX_K + 1] = {
	1ull, 5ull, 25ull, 125ull, 625ull, 3125ull, 15625ull, 78125ull, 390625ull, 1953125ull,
	9765625ull, 48828125ull, 244140625ull, 1220703125ull, 6103515625ull, 30517578125ull,
	152587890625ull, 762939453125ull, 3814697265625ull, 19073486328125ull,
	95367431640625ull, 476837158203125ull
};

/*
 * The 17 significant digits of a (1e-4 <= a < 1e17) as an integer q,
 * 10^16 <= q < 10^17, and the decimal exponent of its first digit: a is
 * m * 2^be exactly, so a * 10^k = m * 5^k * 2^(be + k), at most 102 bits
 * before the shift, and the bits shifted out decide the rounding, half to
 * even.  -1 when the estimate of the exponent cannot be settled (not reached).
 */
static int digits17(double a, uint64_t *q, int *x)
{
	uint64_t bits, m;
	int be, e2, k;

	memcpy(&bits, &a, sizeof(bits));
	be = (int)(bits >> 52) - 1075;
	m = (bits & ((1ull << 52) - 1)) | (1ull << 52);
	e2 = be + 52;   /* 2^e2 <= a < 2^(e2+1): the decimal exponent is x or x + 1 */
	*x = e2 >= 0 ? (e2 * 78913) >> 18 : -((-e2 * 78913 + (1 << 18) - 1) >> 18);
	k = 16 - *x;
	for (int tries = 0; tries < 3 && k >= 0 && k <= MAX_K; tries++) {
		u128 n = (u128)m * pow5[k], r = 0;
		int t = be + k;

		if (t >= 0) {
			if (t >= 64 || n >> (64 - t))
				return -1;
			n <<= t;
		} else {
			r = n & (((u128)1 << -t) - 1);
			n >>= -t;
		}
		if (n >= E17) {
			k--;
			continue;
		}
		if (n < E16) {
			k++;
			continue;
		}
		*q = (uint64_t)n;
		if (t < 0) {
			u128 half = (u128)1 << (-t - 1);

			if (r > half || (r == half && (*q & 1)))
				(*q)++;
		}
		*x = 16 - k;
		if (*q == E17) {   /* 9.99..95 rounds up to the next power of ten */
			*q = E16;
			(*x)++;
		}
		return 0;
	}
	return -1;
}

/*
 * What "%.17g" and the ".0" give for 0.0 and 1e-4 <= |v| < 1e17, where %g
 * takes its %f form (exponent -4 to 16): the digits with the point after
 * the first x + 1, trailing zeros of the fraction dropped; 0 when v is not
 * one of those.
 */
static size_t plain_text(double v, char *buf)
{
	double a = fabs(v);
	char dig[17], *p = buf;
	uint64_t q;
	int x, nd = 17;

	if (v == 0 && !signbit(v)) {
		memcpy(buf, "0.0", 4);
		return 3;
	}
	if (!(a >= 1e-4 && a < 1e17) || digits17(a, &q, &x) || x < -4 || x > 16)
		return 0;
	fmt_u64_digits(q, dig + sizeof(dig));
	while (dig[nd - 1] == '0')
		nd--;
	if (v < 0)
		*p++ = '-';
	if (x >= 0) {
		memcpy(p, dig, (size_t)x + 1);
		p += x + 1;
		*p++ = '.';
		if (nd > x + 1) {
			memcpy(p, dig + x + 1, (size_t)(nd - x - 1));
			p += nd - x - 1;
		} else {
			*p++ = '0';   /* jansson's ".0": it reads as a real */
		}
	} else {
		*p++ = '0';
		*p++ = '.';
		for (int i = 0; i < -x - 1; i++)
			*p++ = '0';
		memcpy(p, dig, (size_t)nd);
		p += nd;
	}
	*p = '\0';
	return (size_t)(p - buf);
}

/* jansson's jsonp_dtostr: "%.17g", a ".0" when it reads as an integer, no '+' or leading zeros in the exponent. */
static size_t printf_text(double v, char *buf, size_t len)
{
	char point = localeconv()->decimal_point[0], *exp, *from;
	size_t n = (size_t)snprintf(buf, len, "%.17g", v);

	/* as jansson does, whatever LC_NUMERIC says */
	if (point != '.' && (from = strchr(buf, point)) != NULL)
		*from = '.';
	if (!strchr(buf, '.') && !strchr(buf, 'e') && n + 3 <= len)
		memcpy(buf + n, ".0", 3);
	exp = strchr(buf, 'e');
	if (!exp)
		return strlen(buf);
	exp++;
	from = exp + 1;
	if (*exp == '-')
		exp++;
	while (*from == '0')
		from++;
	memmove(exp, from, strlen(from) + 1);
	return strlen(buf);
}

size_t json_real_text(double v, char *buf)
{
	size_t n = plain_text(v, buf);

	return n ? n : printf_text(v, buf, JSON_REAL_LEN);
}
