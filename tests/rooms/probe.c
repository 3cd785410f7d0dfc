/*
 * A room-boundary probe: includes the one header PROBE_HEADER names and
 * nothing else.  tests/CMakeLists.txt compiles it against one room's library;
 * a probe for a forbidden include passes only when the compiler cannot find
 * that header, the control probe only when it compiles.
 */
#include PROBE_HEADER

int probe_anchor(void);

int probe_anchor(void)
{
	return 0;
}
