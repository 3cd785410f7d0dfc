/* Placeholder until the framing helper lands its scanner. */
#include "json_stream.h"
