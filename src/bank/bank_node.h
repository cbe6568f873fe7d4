/*
 * bank_node — the small YAML tree that bank_parse hands to the validator.
 *
 * Private to the bank module.  bank_parse streams the top-level mapping: each
 * top-level value, and each element of a top-level sequence, is built as a
 * tree in a scratch arena, handed to a callback, and forgotten.  So memory
 * stays bounded by one question, not by the file, and only bank_parse.c
 * needs <yaml.h>.
 */
#ifndef ROLECALL_BANK_NODE_H
#define ROLECALL_BANK_NODE_H

#include <stddef.h>
#include <stdint.h>

#include "rolecall/diag.h"

enum bnode_kind { BNODE_SCALAR, BNODE_SEQ, BNODE_MAP };

struct bnode {
	enum bnode_kind kind;
	int line, col;        /* 1-based */
	int plain;            /* scalar written without quotes */
	const char *str;      /* scalar text, NUL-terminated */
	size_t len;
	struct bnode **items; /* seq: elements; map: key, value, key, value... */
	size_t n;             /* seq: elements; map: pairs */
};

struct bank_parse_ops {
	void *ctx;
	/* A top-level key and its value.  When the value is a sequence it comes
	 * with n == 0 and its elements follow one by one through on_item. */
	void (*on_key)(void *ctx, const struct bnode *key,
		       const struct bnode *value);
	void (*on_item)(void *ctx, const struct bnode *key,
			const struct bnode *item);
};

/* Parse a whole file held in memory.  Returns 0 when the YAML itself was
 * well formed (content errors are the callbacks' business), -1 otherwise;
 * the problems are in diags. */
int bank_parse(const char *name, const char *data, size_t len,
	       const struct bank_parse_ops *ops, struct diag_list *diags);

/* Add "FILE:LINE:COL: MSG" at node `at` (no position when at is NULL): the
 * one way the bank and definition readers report a problem. */
void bnode_err(struct diag_list *diags, const char *name, const struct bnode *at,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
