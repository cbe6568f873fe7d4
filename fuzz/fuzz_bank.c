/* libFuzzer harness: any bytes through the bank loader must give a clean
 * load or clean errors — no crash, no leak, no sanitizer report — and a
 * bank that loads must hold no text that could drive a terminal. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "rolecall/bank.h"
#include "rolecall/emit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The loader's promise (emit.h): loaded text is valid UTF-8 with no
 * character the terminal sanitiser would replace, newline excepted. */
static void check_text(const char *s)
{
	size_t left;

	if (!s)
		return;
	for (left = strlen(s); left;) {
		long cp;
		size_t n = emit_utf8_next(s, left, &cp);

		if (cp < 0 || (cp != '\n' && emit_unsafe_char(cp)))
			__builtin_trap();
		s += n;
		left -= n;
	}
}

static void check_question(const struct bank_question *q)
{
	check_text(q->id);
	check_text(q->prompt);
	check_text(q->explain);
	check_text(q->source);
	for (unsigned i = 0; i < q->n_choices; i++) {
		check_text(q->choices[i].text);
		check_text(q->choices[i].why);
	}
	for (unsigned i = 0; i < q->n_tags; i++)
		check_text(q->tags[i]);
	if (q->n_choices < BANK_MIN_OPTIONS || q->n_choices > BANK_MAX_OPTIONS ||
	    q->correct >= q->n_choices)
		__builtin_trap();
}

static void check_catalog(const struct catalog *cat)
{
	for (size_t i = 0; i < catalog_role_count(cat); i++) {
		const struct bank_role *r = catalog_role(cat, (int)i);

		check_text(r->id);
		check_text(r->name);
		check_text(r->summary);
	}
	for (size_t b = 0; b < catalog_bank_count(cat); b++) {
		const struct bank *bank = catalog_bank(cat, b);

		check_text(bank->id);
		check_text(bank->title);
		check_text(bank->description);
		for (size_t i = 0; i < bank->n_questions; i++)
			check_question(&bank->questions[i]);
		for (unsigned i = 0; i < bank->n_contrasts; i++)
			check_text(bank->contrasts[i].text);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalog *cat = catalog_new();
	struct diag_list d;

	if (!cat)
		return 0;
	diag_list_init(&d, BANK_MAX_ERRORS);
	/* Twice into one catalog: the second load exercises the cross-bank
	 * checks (duplicate ids, role names). */
	catalog_load_buffer(cat, "fuzz.yaml", (const char *)data, size, &d);
	catalog_load_buffer(cat, "fuzz2.yaml", (const char *)data, size, &d);
	for (size_t i = 0; i < d.n; i++)
		if (!d.items[i].msg[0])
			__builtin_trap(); /* every error says something */
	check_catalog(cat);
	diag_list_free(&d);
	catalog_free(cat);
	return 0;
}
