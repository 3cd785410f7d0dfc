/*
 * client_tree: the tree the RPC client builds from a reply's text
 * (json_budget_check with the client's bounds, json_bigint_rewrite,
 * json_loadb), for tests that hold a text decoder to the tree decoder.
 * NULL when the client would not have built one; *budget then says
 * whether its bounds refused the text (false) or jansson did (true).
 */
#ifndef CLIENT_TREE_H
#define CLIENT_TREE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* The client's bounds (src/sources/rpc_client.c). */
#define CLIENT_MAX_VALUES 200000
#define CLIENT_MAX_DEPTH 64

json_t *client_tree(const char *text, size_t n, bool *budget);

#endif
