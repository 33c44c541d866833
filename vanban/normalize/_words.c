/* The restorer's per-word steps, compiled: `_edits`' loop over a line's spans (a word's
 * candidates and case found, the lattice's position and slot appended, the runs of words
 * handed to `_favour_units`) and its loop over a decoded segment (each word's syllable
 * cased and kept where it changed), as diacritics.py's `_read_spans` and `_spell_segment`
 * do them, step for step, over the same memos and lists. A memo's miss, a word kept in
 * capitals, a code, a run's favouring and a syllable's casing are calls into the Python.
 *
 * Why: after the decode and the favouring were compiled, these loops' interpreted steps
 * (a dozen lookups and appends a word) were the largest part of a respelling left.
 *
 * diacritics.py uses it when it was built (pip install compiles it; without a C compiler
 * the Python loops run, with the same results).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>
#include "_word_case.h"

/* read_spans's context, built once per _Tables, in this order. */
enum {
    W_CANDIDATES, W_PATTERNS, W_PATTERN_OF, W_CAPITALS, W_IS_ACRONYM, W_FAVOUR_UNITS,
    W_CODE, W_CONTEXT, W_AS_NAME, W_READ_CLOSER, W_POINT, W_SIZE
};

static int is_kind(PyObject *kind, const char *name) {
    return PyUnicode_Check(kind) && PyUnicode_CompareWithASCIIString(kind, name) == 0;
}

static int append_steal(PyObject *list, PyObject *item) {
    if (item == NULL) return -1;
    int r = PyList_Append(list, item);
    Py_DECREF(item);
    return r;
}

/* A tuple that holds no object the collector tracks is left untracked, as the collector's
   own first pass would leave it: the chunk memos keep tens of thousands of spans, which
   each collection after a respelling walked. */
static void untrack_if_plain(PyObject *t) {
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(t); k++) {
        PyObject *item = PyTuple_GET_ITEM(t, k);
        if (PyObject_IS_GC(item) && PyObject_GC_IsTracked(item)) return;
    }
    if (PyObject_GC_IsTracked(t)) PyObject_GC_UnTrack(t);
}

/* `untrack_if_plain` of a tuple's tuples (a candidate list's pairs, a memo's entry),
   innermost first, then of the tuple. */
static void untrack_deep(PyObject *t, int depth) {
    if (!PyTuple_CheckExact(t) || !PyObject_GC_IsTracked(t)) return;
    if (depth > 0)
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(t); k++)
            untrack_deep(PyTuple_GET_ITEM(t, k), depth - 1);
    untrack_if_plain(t);
}

/* `memo.get(key) or make(*args)`: a new reference. */
static PyObject *memo_or(PyObject *memo, PyObject *key, PyObject *make, PyObject *a,
                         PyObject *b, PyObject *c) {
    PyObject *hit = PyDict_GetItemWithError(memo, key);
    if (hit == NULL && PyErr_Occurred()) return NULL;
    if (hit != NULL) {
        int truth = PyObject_IsTrue(hit);
        if (truth < 0) return NULL;
        if (truth) {
            Py_INCREF(hit);
            return hit;
        }
    }
    /* what Python made (a word's candidates and whether it is rewritable, a chunk's
       spans) holds numbers and strings: left untracked, as the collector would leave it */
    PyObject *made = PyObject_CallFunctionObjArgs(make, a, b, c, NULL);
    if (made != NULL) untrack_deep(made, 2);
    return made;
}

/* A lone lower-case consonant a garbled line's OCR may have left of a syllable
 * (diacritics.LOST_VOWEL_LETTERS). */
static int lost_vowel_letter(Py_UCS4 c) {
    return c == 0x111 /* đ */ || (c > 0 && c < 128 && strchr("bcdghklmnpqrstvx", (int)c) != NULL);
}

static int span_kind_is(PyObject *span, const char *name) {
    return PyTuple_Check(span) && PyTuple_GET_SIZE(span) == 3
           && is_kind(PyTuple_GET_ITEM(span, 0), name);
}

/* `_a_letter_itself`: whether the lone letter of span `k` (ending at `hi`) is a letter (a
 * point's, a unit's), not a word that lost its vowel: first on its line, before a ")" or
 * "." or the line's end, after a number, a code or a punctuation mark, or after a point's
 * noun (`point`, a Python test of the word before: "điểm b"). 1, 0 or -1 (an error). */
static int a_letter_itself(PyObject *line, PyObject *sp, Py_ssize_t k, Py_ssize_t hi,
                           PyObject *point) {
    if (k == 0 || hi >= PyUnicode_GET_LENGTH(line)) return 1;
    Py_UCS4 next = PyUnicode_READ_CHAR(line, hi);
    if (next == ')' || next == '.') return 1;
    PyObject *before = PyList_GET_ITEM(sp, k - 1);
    if (span_kind_is(before, "num") || span_kind_is(before, "code")
        || span_kind_is(before, "punct"))
        return 1;
    if (!span_kind_is(before, "word")) return 0;
    Py_ssize_t lo = PyLong_AsSsize_t(PyTuple_GET_ITEM(before, 1));
    Py_ssize_t end = PyLong_AsSsize_t(PyTuple_GET_ITEM(before, 2));
    if ((lo == -1 || end == -1) && PyErr_Occurred()) return -1;
    PyObject *word = PyUnicode_Substring(line, lo, end);
    if (word == NULL) return -1;
    PyObject *is = PyObject_CallOneArg(point, word);
    Py_DECREF(word);
    int truth = is == NULL ? -1 : PyObject_IsTrue(is);
    Py_XDECREF(is);
    return truth;
}

/* read_spans(line, li, sp, lone_at, state, garbled, one, name_line, known, positions,
 *            slots, run, seg_start, replacements, context_tuple) -> run
 * `_edits`' loop over the spans of one line (see `_read_spans`): returns the run of words
 * the line leaves open (the list it was handed or a new one). */
static PyObject *read_spans(PyObject *self, PyObject *args) {
    PyObject *line, *li, *sp, *lone_at, *state, *known, *positions, *slots, *run, *ctx,
        *replacements;
    int garbled, one, name_line;
    Py_ssize_t seg_start;
    if (!PyArg_ParseTuple(args, "UOO!OUpppO!O!O!O!nO!O!", &line, &li, &PyList_Type, &sp,
                          &lone_at, &state, &garbled, &one, &name_line, &PyDict_Type, &known,
                          &PyList_Type, &positions, &PyList_Type, &slots, &PyList_Type, &run,
                          &seg_start, &PyDict_Type, &replacements, &PyTuple_Type, &ctx))
        return NULL;
    if (PyTuple_GET_SIZE(ctx) != W_SIZE) {
        PyErr_SetString(PyExc_TypeError, "read_spans: a context of its size");
        return NULL;
    }
    PyObject *candidates = PyTuple_GET_ITEM(ctx, W_CANDIDATES);
    PyObject *patterns = PyTuple_GET_ITEM(ctx, W_PATTERNS);
    PyObject *pattern_of = PyTuple_GET_ITEM(ctx, W_PATTERN_OF);
    PyObject *capitals = PyTuple_GET_ITEM(ctx, W_CAPITALS);
    PyObject *is_acronym = PyTuple_GET_ITEM(ctx, W_IS_ACRONYM);
    PyObject *favour_units = PyTuple_GET_ITEM(ctx, W_FAVOUR_UNITS);
    PyObject *code_of = PyTuple_GET_ITEM(ctx, W_CODE);
    PyObject *context = PyTuple_GET_ITEM(ctx, W_CONTEXT);
    PyObject *as_name = PyTuple_GET_ITEM(ctx, W_AS_NAME);
    PyObject *read_closer = PyTuple_GET_ITEM(ctx, W_READ_CLOSER);
    PyObject *point = PyTuple_GET_ITEM(ctx, W_POINT);
    if (!PyDict_Check(patterns) || !PyDict_Check(context)) {
        PyErr_SetString(PyExc_TypeError, "read_spans: the context's memos are dicts");
        return NULL;
    }
    PyObject *boundary = PyDict_GetItemString(context, "boundary"); /* borrowed */
    if (boundary == NULL) {
        PyErr_SetString(PyExc_KeyError, "boundary");
        return NULL;
    }
    PyObject *unknown = PyDict_GetItemString(context, "code"); /* borrowed: `_Tables.unk` */
    if (unknown == NULL) {
        PyErr_SetString(PyExc_KeyError, "code");
        return NULL;
    }
    int lone = PyAnySet_Check(lone_at) && PySet_GET_SIZE(lone_at) > 0;
    Py_INCREF(run);
    PyObject *sp_copy = PyList_GetSlice(sp, 0, PyList_GET_SIZE(sp));
    if (sp_copy == NULL) goto fail;
    Py_ssize_t n = PyList_GET_SIZE(sp_copy);
    for (Py_ssize_t s = 0; s < n; s++) {
        PyObject *span = PyList_GET_ITEM(sp_copy, s);
        if (!PyTuple_Check(span) || PyTuple_GET_SIZE(span) != 3) {
            PyErr_SetString(PyExc_TypeError, "read_spans: spans are (kind, lo, hi)");
            goto fail;
        }
        PyObject *kind = PyTuple_GET_ITEM(span, 0);
        PyObject *lo_obj = PyTuple_GET_ITEM(span, 1), *hi_obj = PyTuple_GET_ITEM(span, 2);
        Py_ssize_t lo = PyLong_AsSsize_t(lo_obj), hi = PyLong_AsSsize_t(hi_obj);
        if ((lo == -1 || hi == -1) && PyErr_Occurred()) goto fail;
        if (is_kind(kind, "word")) {
            PyObject *word = NULL;
            int is_lone = 0;
            if (lone) {
                is_lone = PySet_Contains(lone_at, lo_obj);
                if (is_lone < 0) goto fail;
            }
            word = is_lone ? PyUnicode_FromString("o") : PyUnicode_Substring(line, lo, hi);
            if (word == NULL) goto fail;
            PyObject *hit = memo_or(known, word, candidates, word, state, one ? Py_True : Py_False);
            if (hit == NULL || !PyTuple_Check(hit) || PyTuple_GET_SIZE(hit) != 2) {
                if (hit != NULL) PyErr_SetString(PyExc_TypeError, "candidates: a pair");
                Py_XDECREF(hit);
                Py_DECREF(word);
                goto fail;
            }
            PyObject *cands = PyTuple_GET_ITEM(hit, 0);
            Py_INCREF(cands);
            int rewritable = PyObject_IsTrue(PyTuple_GET_ITEM(hit, 1));
            Py_DECREF(hit);
            PyObject *pattern = NULL;
            if (rewritable < 0) goto word_fail;
            if (rewritable && PyUnicode_GET_LENGTH(word) == 1
                && lost_vowel_letter(PyUnicode_READ_CHAR(word, 0))) {
                int itself = a_letter_itself(line, sp_copy, s, hi, point);
                if (itself < 0) goto word_fail;
                if (itself) { /* a point's or a unit's letter, kept as written */
                    Py_INCREF(unknown);
                    Py_SETREF(cands, unknown);
                    rewritable = 0;
                }
            }
            pattern = PyDict_GetItemWithError(patterns, word);
            if (pattern == NULL && PyErr_Occurred()) goto word_fail;
            if (pattern != NULL && PyUnicode_Check(pattern) && PyUnicode_GET_LENGTH(pattern)) {
                Py_INCREF(pattern);
            } else {
                pattern = PyObject_CallOneArg(pattern_of, word);
                if (pattern == NULL) goto word_fail;
            }
            if (!rewritable && word_isupper(word)) {
                /* an acronym's letters, maybe its "U" split ("LIBND"): Python decides */
                PyObject *fixed = PyObject_CallFunctionObjArgs(
                    capitals, replacements, garbled ? Py_True : Py_False, word, li, lo_obj,
                    hi_obj, NULL);
                if (fixed == NULL) goto word_fail;
                Py_SETREF(word, fixed);
            }
            {
                PyObject *at = rewritable ? PyLong_FromSsize_t(PyList_GET_SIZE(positions))
                                          : Py_NewRef(Py_None);
                if (at == NULL) goto word_fail;
                PyObject *pair = PyTuple_Pack(2, at, word);
                Py_DECREF(at);
                if (append_steal(run, pair) < 0) goto word_fail;
            }
            int named = 0;
            if (rewritable && PyUnicode_CompareWithASCIIString(pattern, "title") == 0) {
                Py_ssize_t size = PyList_GET_SIZE(positions);
                named = name_line || !(size == seg_start
                                       || PyList_GET_ITEM(positions, size - 1) == boundary);
            }
            if (named && (!garbled || name_line)) {
                PyObject *named_cands = PyObject_CallOneArg(as_name, cands);
                if (named_cands == NULL) goto word_fail;
                untrack_deep(named_cands, 1);
                Py_SETREF(cands, named_cands);
            }
            if (named && garbled) {
                PyObject *closer = PyObject_CallOneArg(read_closer, cands);
                if (closer == NULL) goto word_fail;
                untrack_deep(closer, 1);
                Py_SETREF(cands, closer);
            }
            if (PyList_Append(positions, cands) < 0) goto word_fail;
            {
                PyObject *slot = rewritable ? PyTuple_Pack(4, li, lo_obj, hi_obj, pattern)
                                            : Py_NewRef(Py_None);
                if (append_steal(slots, slot) < 0) goto word_fail;
            }
            Py_DECREF(word);
            Py_DECREF(cands);
            Py_DECREF(pattern);
            continue;
        word_fail:
            Py_DECREF(word);
            Py_DECREF(cands);
            Py_XDECREF(pattern);
            goto fail;
        }
        int is_code = is_kind(kind, "code");
        PyObject *code = NULL;
        if (is_code) {
            code = PyUnicode_Substring(line, lo, hi);
            if (code == NULL) goto fail;
            if (PyList_GET_SIZE(run)) {
                PyObject *is = PyObject_CallOneArg(is_acronym, code);
                int truth = is == NULL ? -1 : PyObject_IsTrue(is);
                Py_XDECREF(is);
                if (truth < 0) goto code_fail;
                if (truth && append_steal(run, PyTuple_Pack(2, Py_None, code)) < 0)
                    goto code_fail;
            }
        }
        if (PyList_GET_SIZE(run)) {
            PyObject *r = PyObject_CallFunctionObjArgs(favour_units, positions, run, state,
                                                       one ? Py_True : Py_False, NULL);
            if (r == NULL) goto code_fail;
            Py_DECREF(r);
            PyObject *fresh = PyList_New(0);
            if (fresh == NULL) goto code_fail;
            Py_SETREF(run, fresh);
        }
        if (is_code) {
            PyObject *r = PyObject_CallFunctionObjArgs(
                code_of, replacements, garbled ? Py_True : Py_False, code, li, lo_obj, hi_obj,
                NULL);
            if (r == NULL) goto code_fail;
            Py_DECREF(r);
            Py_CLEAR(code);
        }
        {
            PyObject *value = PyDict_GetItemWithError(context, kind);
            if (value == NULL) {
                if (!PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, kind);
                goto fail;
            }
            int twice = is_kind(kind, "boundary"); /* a sentence ends in two <s> */
            for (int k = 0; k <= twice; k++) {
                if (PyList_Append(positions, value) < 0 || PyList_Append(slots, Py_None) < 0)
                    goto fail;
            }
        }
        continue;
    code_fail:
        Py_XDECREF(code);
        goto fail;
    }
    Py_DECREF(sp_copy);
    return run;
fail:
    Py_XDECREF(sp_copy);
    Py_DECREF(run);
    return NULL;
}

/* spell_segment(best, post, slots, lo, vocab, nfc_lines, case, replacements, confidences,
 *               changed_or_None) -> None
 * `_edits`' loop over one decoded segment (see `_spell_segment`). */
static PyObject *spell_segment(PyObject *self, PyObject *args) {
    PyObject *best, *post, *slots, *vocab, *nfc_lines, *apply_case, *replacements, *confidences,
        *changed;
    Py_ssize_t lo;
    if (!PyArg_ParseTuple(args, "OOO!nO!O!OO!O!O", &best, &post, &PyList_Type, &slots, &lo,
                          &PyList_Type, &vocab, &PyList_Type, &nfc_lines, &apply_case,
                          &PyDict_Type, &replacements, &PyList_Type, &confidences, &changed))
        return NULL;
    PyObject *best_seq = PySequence_Fast(best, "best: a sequence");
    if (best_seq == NULL) return NULL;
    PyObject *post_seq = PySequence_Fast(post, "post: a sequence");
    if (post_seq == NULL) {
        Py_DECREF(best_seq);
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(best_seq);
    PyObject *result = NULL;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (lo + k >= PyList_GET_SIZE(slots)) {
            PyErr_SetString(PyExc_IndexError, "spell_segment: slots too short");
            goto done;
        }
        PyObject *slot = PyList_GET_ITEM(slots, lo + k);
        if (slot == Py_None) continue;
        if (k >= PySequence_Fast_GET_SIZE(post_seq)) {
            PyErr_SetString(PyExc_IndexError, "spell_segment: post too short");
            goto done;
        }
        PyObject *confidence = PySequence_Fast_GET_ITEM(post_seq, k);
        if (PyList_Append(confidences, confidence) < 0) goto done;
        PyObject *li = PyTuple_GET_ITEM(slot, 0), *at = PyTuple_GET_ITEM(slot, 1);
        PyObject *end = PyTuple_GET_ITEM(slot, 2), *pattern = PyTuple_GET_ITEM(slot, 3);
        Py_ssize_t syl = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(best_seq, k));
        if (syl == -1 && PyErr_Occurred()) goto done;
        PyObject *new = PyList_GetItem(vocab, syl);
        if (new == NULL) goto done;
        Py_INCREF(new);
        if (PyUnicode_CompareWithASCIIString(pattern, "lower") != 0) {
            Py_SETREF(new, PyObject_CallFunctionObjArgs(apply_case, new, pattern, NULL));
            if (new == NULL) goto done;
        }
        Py_ssize_t line_no = PyLong_AsSsize_t(li), a = PyLong_AsSsize_t(at),
                   e = PyLong_AsSsize_t(end);
        if (PyErr_Occurred()) {
            Py_DECREF(new);
            goto done;
        }
        PyObject *line = PyList_GetItem(nfc_lines, line_no);
        if (line == NULL) {
            Py_DECREF(new);
            goto done;
        }
        PyObject *written = PyUnicode_Substring(line, a, e);
        if (written == NULL) {
            Py_DECREF(new);
            goto done;
        }
        int same = PyUnicode_Compare(new, written);
        Py_DECREF(written);
        if (same == -1 && PyErr_Occurred()) {
            Py_DECREF(new);
            goto done;
        }
        if (same != 0) {
            PyObject *key = PyTuple_Pack(2, li, at);
            PyObject *value = PyTuple_Pack(2, end, new);
            int bad = key == NULL || value == NULL || PyDict_SetItem(replacements, key, value) < 0
                      || (changed != Py_None && PyDict_SetItem(changed, key, confidence) < 0);
            Py_XDECREF(key);
            Py_XDECREF(value);
            if (bad) {
                Py_DECREF(new);
                goto done;
            }
        }
        Py_DECREF(new);
    }
    result = Py_NewRef(Py_None);
done:
    Py_DECREF(best_seq);
    Py_DECREF(post_seq);
    return result;
}

/* parse_line(line, memo, chunk) -> (spans, words, marked, invalid)
 * `_parsed` of a line whose only whitespace is " " (see `_parsed`): each chunk between
 * spaces is looked up in `memo` (or made by `chunk`), its spans shifted to the line's
 * offsets, its counts summed. */
static PyObject *parse_line(PyObject *self, PyObject *args) {
    PyObject *line, *memo, *chunk;
    if (!PyArg_ParseTuple(args, "UO!O", &line, &PyDict_Type, &memo, &chunk)) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(line);
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    PyObject *out = PyList_New(0);
    if (out == NULL) return NULL;
    long long counts[3] = {0, 0, 0};
    Py_ssize_t start = 0;
    while (start <= n) {
        Py_ssize_t end = start;
        while (end < n && PyUnicode_READ(kind, data, end) != ' ') end++;
        if (end > start) {
            PyObject *text = PyUnicode_Substring(line, start, end);
            if (text == NULL) goto fail;
            PyObject *hit = memo_or(memo, text, chunk, text, NULL, NULL);
            Py_DECREF(text);
            if (hit == NULL) goto fail;
            if (!PyTuple_Check(hit) || PyTuple_GET_SIZE(hit) != 4
                || !PyTuple_Check(PyTuple_GET_ITEM(hit, 0))) {
                Py_DECREF(hit);
                PyErr_SetString(PyExc_TypeError, "parse_line: a chunk is (spans, 3 counts)");
                goto fail;
            }
            PyObject *rel = PyTuple_GET_ITEM(hit, 0);
            for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(rel); k++) {
                PyObject *span = PyTuple_GET_ITEM(rel, k);
                Py_ssize_t lo = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 1));
                Py_ssize_t hi = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 2));
                if ((lo == -1 || hi == -1) && PyErr_Occurred()) {
                    Py_DECREF(hit);
                    goto fail;
                }
                PyObject *shifted = Py_BuildValue("(Onn)", PyTuple_GET_ITEM(span, 0),
                                                  start + lo, start + hi);
                if (append_steal(out, shifted) < 0) {
                    Py_DECREF(hit);
                    goto fail;
                }
            }
            for (int c = 0; c < 3; c++) {
                long long v = PyLong_AsLongLong(PyTuple_GET_ITEM(hit, c + 1));
                if (v == -1 && PyErr_Occurred()) {
                    Py_DECREF(hit);
                    goto fail;
                }
                counts[c] += v;
            }
            Py_DECREF(hit);
        }
        start = end + 1;
    }
    return Py_BuildValue("(NLLL)", out, counts[0], counts[1], counts[2]);
fail:
    Py_DECREF(out);
    return NULL;
}

/* chunk_entry(chunks, limit, span_memo, spans_of, words, word_class, chunk)
 *     -> (spans, words, marked, invalid)
 * `_Tables.chunk`: one whitespace-free chunk's spans (`span_memo`'s, else `spans_of`'s, the
 * Python `chunk_spans`) and its words counted by class (`words`' memo, else `word_class`),
 * as `_count_words` counts them; remembered in `chunks` (emptied when it holds `limit`).
 * The spans and the entry hold numbers and strings only: left untracked. */
static PyObject *chunk_entry(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 7 || !PyDict_Check(args[0]) || !PyDict_Check(args[2])
        || !PyDict_Check(args[4]) || !PyUnicode_Check(args[6])) {
        PyErr_SetString(PyExc_TypeError,
                        "chunk_entry(chunks: dict, limit: int, span_memo: dict, spans_of, "
                        "words: dict, word_class, chunk: str)");
        return NULL;
    }
    PyObject *chunks = args[0], *span_memo = args[2], *spans_of = args[3];
    PyObject *words = args[4], *word_class = args[5], *chunk = args[6];
    Py_ssize_t limit = PyLong_AsSsize_t(args[1]);
    if (limit == -1 && PyErr_Occurred()) return NULL;
    PyObject *hit = PyDict_GetItemWithError(chunks, chunk);
    if (hit != NULL) return Py_NewRef(hit);
    if (PyErr_Occurred()) return NULL;
    PyObject *rel = PyDict_GetItemWithError(span_memo, chunk);
    if (rel != NULL) {
        Py_INCREF(rel);
    } else {
        if (PyErr_Occurred()) return NULL;
        rel = PyObject_CallOneArg(spans_of, chunk);
        if (rel == NULL) return NULL;
    }
    if (!PyTuple_Check(rel)) {
        Py_DECREF(rel);
        PyErr_SetString(PyExc_TypeError, "chunk_entry: a chunk's spans are a tuple");
        return NULL;
    }
    long long tally[4] = {0, 0, 0, 0};
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(rel); k++) {
        PyObject *span = PyTuple_GET_ITEM(rel, k);
        if (!PyTuple_Check(span) || PyTuple_GET_SIZE(span) != 3) {
            PyErr_SetString(PyExc_TypeError, "chunk_entry: a span is (kind, start, end)");
            goto fail;
        }
        untrack_if_plain(span);
        if (!is_kind(PyTuple_GET_ITEM(span, 0), "word")) continue;
        Py_ssize_t lo = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 1));
        Py_ssize_t hi = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 2));
        if ((lo == -1 || hi == -1) && PyErr_Occurred()) goto fail;
        PyObject *word = PyUnicode_Substring(chunk, lo, hi);
        if (word == NULL) goto fail;
        PyObject *cls = PyDict_GetItemWithError(words, word);
        if (cls != NULL) {
            Py_INCREF(cls);
        } else if (!PyErr_Occurred()) {
            cls = PyObject_CallOneArg(word_class, word);
        }
        Py_DECREF(word);
        if (cls == NULL) goto fail;
        Py_ssize_t c = PyLong_AsSsize_t(cls);
        Py_DECREF(cls);
        if (c == -1 && PyErr_Occurred()) goto fail;
        if (c < 0 || c > 3) {
            PyErr_SetString(PyExc_ValueError, "chunk_entry: a word's class outside 0..3");
            goto fail;
        }
        tally[c]++;
    }
    untrack_if_plain(rel);
    hit = Py_BuildValue("(NLLL)", rel, tally[1] + tally[2] + tally[3], tally[2], tally[3]);
    if (hit == NULL) return NULL;
    untrack_if_plain(hit);
    if (PyDict_GET_SIZE(chunks) >= limit) PyDict_Clear(chunks);
    if (PyDict_SetItem(chunks, chunk, hit) < 0) {
        Py_DECREF(hit);
        return NULL;
    }
    return hit;
fail:
    Py_DECREF(rel);
    return NULL;
}

/* weighted(found, weight) -> ((id, -weight * cost), ...)
 * `_word_candidates`' last step: a search's (id, cost) pairs as candidates at the channel's
 * weight. The pairs and the tuple are left untracked by the collector (they hold numbers
 * only; the candidate memos keep tens of thousands of them, which each pass walked). */
static PyObject *weighted(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyTuple_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "weighted(found: tuple, weight: float)");
        return NULL;
    }
    PyObject *found = args[0];
    double weight = PyFloat_AsDouble(args[1]);
    if (weight == -1.0 && PyErr_Occurred()) return NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(found);
    PyObject *out = PyTuple_New(n);
    if (out == NULL) return NULL;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *pair = PyTuple_GET_ITEM(found, k);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2
            || !PyLong_CheckExact(PyTuple_GET_ITEM(pair, 0))) {
            PyErr_SetString(PyExc_TypeError, "weighted: pairs of (id, cost)");
            Py_DECREF(out);
            return NULL;
        }
        double cost = PyFloat_AsDouble(PyTuple_GET_ITEM(pair, 1));
        if (cost == -1.0 && PyErr_Occurred()) {
            Py_DECREF(out);
            return NULL;
        }
        PyObject *value = PyFloat_FromDouble(-weight * cost);
        PyObject *made = value == NULL ? NULL : PyTuple_New(2);
        if (made == NULL) {
            Py_XDECREF(value);
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(made, 0, Py_NewRef(PyTuple_GET_ITEM(pair, 0)));
        PyTuple_SET_ITEM(made, 1, value);
        if (PyObject_GC_IsTracked(made)) PyObject_GC_UnTrack(made);
        PyTuple_SET_ITEM(out, k, made);
    }
    if (PyObject_GC_IsTracked(out)) PyObject_GC_UnTrack(out);
    return out;
}

/* kept_edits(li, line, line_start, shift, line_edits, posteriors, sure, keep_unsure, edits)
 *   -> (kept, shift)
 * `respelled`'s steps over the (start, end, new) edits of line `li` (see `_kept_edits`):
 * each one the model is sure of (its posterior, by (li, start), at least `sure`; 1.0 where
 * it has none), or that `keep_unsure(line, start, end, new)` keeps, in `kept` (the same
 * tuples), and its offsets in the text and in the source appended to `edits`. */
static PyObject *kept_edits(PyObject *self, PyObject *args) {
    PyObject *li, *line, *line_edits, *posteriors, *sure, *keep_unsure, *edits;
    Py_ssize_t line_start, shift;
    if (!PyArg_ParseTuple(args, "OUnnO!O!OOO!", &li, &line, &line_start, &shift, &PyList_Type,
                          &line_edits, &PyDict_Type, &posteriors, &sure, &keep_unsure,
                          &PyList_Type, &edits))
        return NULL;
    int fast = PyFloat_CheckExact(sure);
    double sure_value = fast ? PyFloat_AS_DOUBLE(sure) : 0.0;
    PyObject *one = PyFloat_FromDouble(1.0);
    PyObject *kept = PyList_New(0);
    if (one == NULL || kept == NULL) goto fail;
    Py_ssize_t n = PyList_GET_SIZE(line_edits);
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *edit = PyList_GET_ITEM(line_edits, k);
        if (!PyTuple_Check(edit) || PyTuple_GET_SIZE(edit) != 3
            || !PyUnicode_Check(PyTuple_GET_ITEM(edit, 2))) {
            PyErr_SetString(PyExc_TypeError, "kept_edits: edits are (start, end, new)");
            goto fail;
        }
        PyObject *at = PyTuple_GET_ITEM(edit, 0), *end = PyTuple_GET_ITEM(edit, 1);
        PyObject *new = PyTuple_GET_ITEM(edit, 2);
        PyObject *key = PyTuple_Pack(2, li, at);
        if (key == NULL) goto fail;
        PyObject *p = PyDict_GetItemWithError(posteriors, key); /* borrowed */
        Py_DECREF(key);
        if (p == NULL && PyErr_Occurred()) goto fail;
        if (p == NULL) p = one;
        int keep;
        if (fast && PyFloat_CheckExact(p)) keep = PyFloat_AS_DOUBLE(p) >= sure_value;
        else keep = PyObject_RichCompareBool(p, sure, Py_GE);
        if (keep < 0) goto fail;
        if (!keep) {
            PyObject *r = PyObject_CallFunctionObjArgs(keep_unsure, line, at, end, new, NULL);
            keep = r == NULL ? -1 : PyObject_IsTrue(r);
            Py_XDECREF(r);
            if (keep < 0) goto fail;
        }
        if (!keep) continue;
        if (PyList_Append(kept, edit) < 0) goto fail;
        Py_ssize_t a = PyLong_AsSsize_t(at), e = PyLong_AsSsize_t(end);
        if ((a == -1 || e == -1) && PyErr_Occurred()) goto fail;
        Py_ssize_t start = line_start + a, length = PyUnicode_GET_LENGTH(new);
        PyObject *offsets = Py_BuildValue("(nnnn)", start + shift, start + shift + length, start,
                                          line_start + e);
        if (offsets != NULL) untrack_if_plain(offsets); /* the Respelled's: numbers only */
        if (append_steal(edits, offsets) < 0) goto fail;
        shift += length - (e - a);
    }
    Py_DECREF(one);
    return Py_BuildValue("(Nn)", kept, shift);
fail:
    Py_XDECREF(one);
    Py_XDECREF(kept);
    return NULL;
}

static PyMethodDef methods[] = {
    {"kept_edits", kept_edits, METH_VARARGS,
     "`respelled`'s steps over one line's edits (`_kept_edits`): (kept, shift)"},
    {"weighted", (PyCFunction)(void (*)(void))weighted, METH_FASTCALL,
     "`_word_candidates`' (id, -weight * cost) pairs of a search's (id, cost), untracked"},
    {"chunk_entry", (PyCFunction)(void (*)(void))chunk_entry, METH_FASTCALL,
     "chunk_entry(chunks, limit, span_memo, spans_of, words, word_class, chunk) -> "
     "(spans, words, marked, invalid): `_Tables.chunk`"},
    {"parse_line", parse_line, METH_VARARGS,
     "`_parsed` of a line whose only whitespace is a space: (spans, words, marked, invalid)"},
    {"read_spans", read_spans, METH_VARARGS,
     "`_edits`' loop over one line's spans (`_read_spans`); returns the open run"},
    {"spell_segment", spell_segment, METH_VARARGS,
     "`_edits`' loop over one decoded segment (`_spell_segment`)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_words", "The restorer's per-word steps, compiled.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__words(void) { return PyModule_Create(&module); }
