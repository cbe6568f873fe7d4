/* The only file of rolecall that includes <yaml.h>. */
#include "bank_node.h"

#include <string.h>
#include <yaml.h>

#include "arena.h"
#include "rolecall/bank.h"

struct parse {
	yaml_parser_t yaml;
	yaml_event_t ev;
	int have_ev;
	const char *name;
	const char *data;
	size_t len;
	struct diag_list *diags;
	struct arena scratch;
	int failed; /* syntax error or out of memory: stop */
};

static int pos_line(const yaml_mark_t *m) { return (int)m->line + 1; }
static int pos_col(const yaml_mark_t *m) { return (int)m->column + 1; }

/* The byte at 1-based line and character column, or -1.  libyaml counts
 * columns in characters, so step over UTF-8 continuation bytes. */
static int char_at(const struct parse *p, int line, int col)
{
	const char *s = p->data, *end = p->data + p->len;

	for (int l = 1; l < line && s < end; s++)
		if (*s == '\n')
			l++;
	for (int c = 1; s < end && *s != '\n'; s++) {
		if (((unsigned char)*s & 0xC0) == 0x80)
			continue;
		if (c++ == col)
			return (unsigned char)*s;
	}
	return -1;
}

/* Reader errors (bad UTF-8, control characters) carry a byte offset, not
 * a line: turn it into line and character column. */
static void reader_error(struct parse *p, const char *problem)
{
	size_t off = p->yaml.problem_offset;
	int line = 1, col = 1;

	if (off > p->len)
		off = p->len;
	for (size_t i = 0; i < off; i++) {
		if (p->data[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)p->data[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	if (!strcmp(problem, "control characters are not allowed"))
		diag_add(p->diags, p->name, line, col,
			 "control character (byte 0x%02X) in the file; is it a text file?",
			 off < p->len ? (unsigned char)p->data[off] : 0);
	else
		diag_add(p->diags, p->name, line, col,
			 "%s: the file must be UTF-8 text", problem);
}

static void syntax_error(struct parse *p)
{
	const yaml_parser_t *y = &p->yaml;
	const char *problem = y->problem ? y->problem : "the YAML is not well formed";
	int line = pos_line(&y->problem_mark), col = pos_col(&y->problem_mark);

	p->failed = 1;
	if (y->error == YAML_MEMORY_ERROR)
		diag_add(p->diags, p->name, 0, 0, "out of memory while reading YAML");
	else if (y->error == YAML_READER_ERROR)
		reader_error(p, problem);
	else if (char_at(p, line, col) == '\t')
		diag_add(p->diags, p->name, line, col,
			 "tab character; YAML indents with spaces, not tabs");
	else if (y->context)
		diag_add(p->diags, p->name, line, col, "%s %s at line %d", problem,
			 y->context, pos_line(&y->context_mark));
	else
		diag_add(p->diags, p->name, line, col, "%s", problem);
}

/* Move to the next event; 0 at the end of input or on error. */
static int next(struct parse *p)
{
	if (p->have_ev)
		yaml_event_delete(&p->ev);
	p->have_ev = 0;
	if (p->failed)
		return 0;
	if (!yaml_parser_parse(&p->yaml, &p->ev)) {
		syntax_error(p);
		return 0;
	}
	p->have_ev = 1;
	return 1;
}

static const yaml_char_t *event_anchor(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT: return ev->data.scalar.anchor;
	case YAML_SEQUENCE_START_EVENT: return ev->data.sequence_start.anchor;
	case YAML_MAPPING_START_EVENT: return ev->data.mapping_start.anchor;
	default: return NULL;
	}
}

static struct bnode *new_node(struct parse *p, enum bnode_kind kind)
{
	struct bnode *n = arena_alloc(&p->scratch, sizeof *n);

	if (!n) {
		diag_add(p->diags, p->name, 0, 0, "out of memory");
		p->failed = 1;
		return NULL;
	}
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->line = pos_line(&p->ev.start_mark);
	n->col = pos_col(&p->ev.start_mark);
	return n;
}

static int push_item(struct parse *p, struct bnode *parent, size_t *cap,
		     size_t count, struct bnode *child)
{
	if (count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct bnode **items = arena_alloc(&p->scratch, ncap * sizeof *items);

		if (!items) {
			diag_add(p->diags, p->name, 0, 0, "out of memory");
			p->failed = 1;
			return -1;
		}
		if (count)
			memcpy(items, parent->items, count * sizeof *items);
		parent->items = items;
		*cap = ncap;
	}
	parent->items[count] = child;
	return 0;
}

static struct bnode *parse_node(struct parse *p, int depth);

/* Skip the rest of a collection that is nested too deep, without recursion. */
static void skip_collection(struct parse *p)
{
	int level = 1;

	while (level > 0 && next(p)) {
		yaml_event_type_t t = p->ev.type;

		if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT)
			level++;
		else if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT)
			level--;
	}
}

static struct bnode *parse_collection(struct parse *p, int depth)
{
	int is_map = p->ev.type == YAML_MAPPING_START_EVENT;
	yaml_event_type_t end = is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
	struct bnode *node = new_node(p, is_map ? BNODE_MAP : BNODE_SEQ);
	size_t cap = 0, count = 0;

	if (!node)
		return NULL;
	if (depth > BANK_MAX_DEPTH) {
		diag_add(p->diags, p->name, node->line, node->col,
			 "nesting is too deep (more than %d levels)", BANK_MAX_DEPTH);
		skip_collection(p);
		return node;
	}
	while (next(p) && p->ev.type != end) {
		struct bnode *child = parse_node(p, depth + 1);

		if (!child || push_item(p, node, &cap, count, child) < 0)
			return NULL;
		count++;
		node->n = is_map ? count / 2 : count;
	}
	return p->failed ? NULL : node;
}

/* Build the node that starts at the current event. */
static struct bnode *parse_node(struct parse *p, int depth)
{
	struct bnode *node;
	const yaml_char_t *anchor = event_anchor(&p->ev);

	if (anchor)
		diag_add(p->diags, p->name, pos_line(&p->ev.start_mark),
			 pos_col(&p->ev.start_mark),
			 "anchors (&%s) are not allowed in banks", (const char *)anchor);
	switch (p->ev.type) {
	case YAML_SCALAR_EVENT:
		node = new_node(p, BNODE_SCALAR);
		if (!node)
			return NULL;
		node->len = p->ev.data.scalar.length;
		node->plain = p->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		node->str = arena_strndup(&p->scratch,
					  (const char *)p->ev.data.scalar.value,
					  node->len);
		if (!node->str) {
			diag_add(p->diags, p->name, 0, 0, "out of memory");
			p->failed = 1;
			return NULL;
		}
		return node;
	case YAML_ALIAS_EVENT:
		diag_add(p->diags, p->name, pos_line(&p->ev.start_mark),
			 pos_col(&p->ev.start_mark),
			 "aliases (*%s) are not allowed in banks",
			 (const char *)p->ev.data.alias.anchor);
		node = new_node(p, BNODE_SCALAR);
		if (node)
			node->str = "";
		return node;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return parse_collection(p, depth);
	default:
		diag_add(p->diags, p->name, pos_line(&p->ev.start_mark),
			 pos_col(&p->ev.start_mark), "unexpected YAML event");
		p->failed = 1;
		return NULL;
	}
}

/* Stream one top-level value: a sequence element by element, else whole. */
static void parse_top_value(struct parse *p, const struct bank_parse_ops *ops,
			    const struct bnode *key)
{
	struct bnode *value;

	if (p->ev.type != YAML_SEQUENCE_START_EVENT || event_anchor(&p->ev)) {
		value = parse_node(p, 2);
		if (value)
			ops->on_key(ops->ctx, key, value);
		return;
	}
	value = new_node(p, BNODE_SEQ);
	if (!value)
		return;
	ops->on_key(ops->ctx, key, value);
	while (!p->failed && next(p) && p->ev.type != YAML_SEQUENCE_END_EVENT) {
		struct bnode *item = parse_node(p, 3);
		/* Keep the key across the scratch reset: it is in the caller's copy. */
		if (item)
			ops->on_item(ops->ctx, key, item);
		arena_reset(&p->scratch);
	}
}

static void parse_top_mapping(struct parse *p, const struct bank_parse_ops *ops)
{
	while (!p->failed && next(p) && p->ev.type != YAML_MAPPING_END_EVENT) {
		struct bnode key = {0};
		char keybuf[128];

		if (p->ev.type != YAML_SCALAR_EVENT) {
			struct bnode *bad = parse_node(p, 2);

			if (bad)
				diag_add(p->diags, p->name, bad->line, bad->col,
					 "a top-level key must be a plain word");
			/* Its value follows: skip it. */
			if (!p->failed && next(p))
				parse_node(p, 2);
			arena_reset(&p->scratch);
			continue;
		}
		/* The key lives outside the scratch arena, which items reset. */
		key.kind = BNODE_SCALAR;
		key.line = pos_line(&p->ev.start_mark);
		key.col = pos_col(&p->ev.start_mark);
		snprintf(keybuf, sizeof keybuf, "%.*s",
			 (int)p->ev.data.scalar.length,
			 (const char *)p->ev.data.scalar.value);
		key.str = keybuf;
		key.len = strlen(keybuf);
		key.plain = 1;
		if (!next(p))
			break;
		parse_top_value(p, ops, &key);
		arena_reset(&p->scratch);
	}
}

static void parse_document(struct parse *p, const struct bank_parse_ops *ops)
{
	if (p->ev.type == YAML_MAPPING_START_EVENT && !event_anchor(&p->ev)) {
		parse_top_mapping(p, ops);
		return;
	}
	diag_add(p->diags, p->name, pos_line(&p->ev.start_mark),
		 pos_col(&p->ev.start_mark),
		 "a bank must be a mapping of keys (bank, title, roles, questions), not %s",
		 p->ev.type == YAML_SEQUENCE_START_EVENT ? "a list" :
		 p->ev.type == YAML_SCALAR_EVENT ? "a single value" : "this");
	if (!p->failed)
		parse_node(p, 1);
}

static void parse_stream(struct parse *p, const struct bank_parse_ops *ops)
{
	int documents = 0;

	if (!next(p) || p->ev.type != YAML_STREAM_START_EVENT)
		return;
	while (next(p) && p->ev.type == YAML_DOCUMENT_START_EVENT) {
		if (++documents > 1) {
			diag_add(p->diags, p->name, pos_line(&p->ev.start_mark),
				 pos_col(&p->ev.start_mark),
				 "a bank is one YAML document; this starts a second one");
			return;
		}
		if (!next(p))
			return;
		parse_document(p, ops);
		if (p->failed || !next(p))
			return; /* DOCUMENT-END */
	}
	if (!p->failed && documents == 0)
		diag_add(p->diags, p->name, 1, 1,
			 "the file is empty; a bank needs at least the keys bank, title, roles and questions");
}

int bank_parse(const char *name, const char *data, size_t len,
	       const struct bank_parse_ops *ops, struct diag_list *diags)
{
	struct parse p;

	memset(&p, 0, sizeof p);
	p.name = name;
	p.data = data;
	p.len = len;
	p.diags = diags;
	arena_init(&p.scratch, 16 * 1024);
	if (!yaml_parser_initialize(&p.yaml)) {
		diag_add(diags, name, 0, 0, "out of memory");
		return -1;
	}
	yaml_parser_set_input_string(&p.yaml, (const unsigned char *)data, len);
	parse_stream(&p, ops);
	if (p.have_ev)
		yaml_event_delete(&p.ev);
	yaml_parser_delete(&p.yaml);
	arena_free(&p.scratch);
	return p.failed ? -1 : 0;
}
