/* The restorer's favouring of the lexicon's units and common words along a run of
 * words, compiled: the same steps as diacritics.py's `_favour` (with `_damaged_readings`,
 * `UnitLexicon.matches`, `_variant_matches` and `_resolve_overlaps`), in the same order,
 * over the same Python objects (the memos are the same dicts, the candidate lists the same
 * tuples), so the positions it leaves are the ones the Python leaves. What is rare or
 * already memoised stays a call into Python: a word's fold on a memo miss, an acronym's
 * test. A damaged word's readings, a list's entry and a boosted list on a miss are the
 * module's own functions (`damaged_word`, `about_entry`, `boosted`), which the context
 * hands it bound to their tables.
 *
 * Why: `_favour` was a third of a garbled text's respelling, spent in the interpreter's
 * steps over lists of a dozen words, not in any one costly operation.
 *
 * diacritics.py uses it when it was built (pip install compiles it; without a C compiler
 * the Python `_favour` runs, with the same results).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "_word_case.h"
#include <stdlib.h>

/* The context: the tables' dicts and callables, built once per _Tables (see
   `_Tables.favour_context`), in this order. */
enum {
    C_FOLDS, C_FOLDED, C_DAMAGED, C_DAMAGED_WORD, C_STARTS, C_LONGEST, C_TERMS, C_NAMES,
    C_REACH, C_BEFORE_NAME, C_BEFORE_ACRONYM, C_IS_ACRONYM, C_INDEX, C_ABOUT, C_ABOUT_NEW,
    C_BOOSTED, C_COMMON, C_VOCAB, C_MEMO_LIMIT, C_UNIT_BONUS, C_NAME_UNIT_BONUS,
    C_WORD_BONUS, C_SIZE
};

typedef struct {
    PyObject *folds, *folded, *damaged, *damaged_word, *starts, *longest, *terms, *names;
    Py_ssize_t reach;
    PyObject *before_name, *before_acronym, *is_acronym, *index, *about, *about_new;
    PyObject *boosted, *common, *vocab;
    Py_ssize_t memo_limit;
    double unit_bonus, name_unit_bonus;
    PyObject *word_bonus; /* the float object, as Python's key holds it */
} Ctx;

/* A match: (start, unit), borrowed from the lexicon's dicts (alive as long as they are). */
typedef struct {
    Py_ssize_t start;
    PyObject *unit;
} Match;

typedef struct {
    Match *items;
    Py_ssize_t n, cap;
} Matches;

/* Every object made here is kept in one list, freed at the end: no reference counting
   along the way's many exits. */
static int keep(PyObject *keep_list, PyObject *obj) {
    if (obj == NULL) return -1;
    int r = PyList_Append(keep_list, obj);
    Py_DECREF(obj);
    return r;
}

/* A tuple that holds no object the collector tracks is left untracked, as the collector's
   own first pass would leave it (numbers-only candidate lists: the memos keep tens of
   thousands, which each collection after a respelling walked). */
static void untrack_if_plain(PyObject *t) {
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(t); k++) {
        PyObject *item = PyTuple_GET_ITEM(t, k);
        if (PyObject_IS_GC(item) && PyObject_GC_IsTracked(item)) return;
    }
    if (PyObject_GC_IsTracked(t)) PyObject_GC_UnTrack(t);
}

static int matches_push(Matches *m, Py_ssize_t start, PyObject *unit) {
    if (m->n == m->cap) {
        Py_ssize_t cap = m->cap ? m->cap * 2 : 16;
        Match *items = realloc(m->items, cap * sizeof(Match));
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        m->items = items;
        m->cap = cap;
    }
    m->items[m->n].start = start;
    m->items[m->n].unit = unit;
    m->n++;
    return 0;
}

/* word[:1].isupper() */
static int first_isupper(PyObject *word) {
    if (PyUnicode_GET_LENGTH(word) == 0) return 0;
    return Py_UNICODE_ISUPPER(PyUnicode_READ_CHAR(word, 0)) ? 1 : 0;
}

/* `longest.get((a, b))` as a C integer, -1 when absent. */
static int longest_of(Ctx *c, PyObject *a, PyObject *b, Py_ssize_t *out) {
    PyObject *pair = PyTuple_Pack(2, a, b);
    if (pair == NULL) return -1;
    PyObject *most = PyDict_GetItemWithError(c->longest, pair);
    Py_DECREF(pair);
    if (most == NULL) {
        if (PyErr_Occurred()) return -1;
        *out = -1;
        return 0;
    }
    *out = PyLong_AsSsize_t(most);
    return (*out == -1 && PyErr_Occurred()) ? -1 : 0;
}

/* `UnitLexicon.matches(folded, capital, acronym, within=range(lo, hi))` (lo, hi clipped as
   there; the whole run when `whole`), appended to `out` in the order it yields. */
static int unit_matches(Ctx *c, PyObject **folded, const char *capital, const char *acronym,
                        Py_ssize_t n, int whole, Py_ssize_t lo, Py_ssize_t hi, Matches *out) {
    int any = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        int r = PySet_Contains(c->starts, folded[i]);
        if (r < 0) return -1;
        if (r) {
            any = 1;
            break;
        }
    }
    if (!any) return 0;
    Py_ssize_t from = 0, to = n - 1;
    if (!whole) {
        from = lo > 0 ? lo : 0;
        to = hi < n - 1 ? hi : n - 1;
    }
    for (Py_ssize_t i = from; i < to; i++) {
        int r = PySet_Contains(c->starts, folded[i]);
        if (r < 0) return -1;
        if (!r) continue;
        Py_ssize_t most;
        if (longest_of(c, folded[i], folded[i + 1], &most) < 0) return -1;
        if (most < 0) continue;
        Py_ssize_t top = most < n - i ? most : n - i;
        for (Py_ssize_t size = top; size > 1; size--) {
            PyObject *key = PyTuple_New(size);
            if (key == NULL) return -1;
            int all_capital = 1;
            for (Py_ssize_t k = 0; k < size; k++) {
                Py_INCREF(folded[i + k]);
                PyTuple_SET_ITEM(key, k, folded[i + k]);
                if (!capital[i + k]) all_capital = 0;
            }
            PyObject *unit = NULL;
            if (all_capital) {
                unit = PyDict_GetItemWithError(c->names, key);
                if (unit == NULL && PyErr_Occurred()) {
                    Py_DECREF(key);
                    return -1;
                }
            }
            if (unit == NULL) {
                unit = PyDict_GetItemWithError(c->terms, key);
                if (unit == NULL && PyErr_Occurred()) {
                    Py_DECREF(key);
                    return -1;
                }
            }
            Py_DECREF(key);
            if (unit != NULL) {
                if (matches_push(out, i, unit) < 0) return -1;
                break;
            }
        }
    }
    for (Py_ssize_t i = from; i < to; i++) {
        PyObject *level = PyDict_GetItemWithError(c->before_name, folded[i]);
        if (level == NULL && PyErr_Occurred()) return -1;
        if (level != NULL && capital[i + 1] && !capital[i]) {
            if (matches_push(out, i, level) < 0) return -1;
        }
        if (acronym != NULL && acronym[i + 1] && capital[i]) {
            PyObject *head = PyDict_GetItemWithError(c->before_acronym, folded[i]);
            if (head == NULL && PyErr_Occurred()) return -1;
            if (head != NULL && matches_push(out, i, head) < 0) return -1;
        }
    }
    return 0;
}

/* Whether (start, unit) is already among `m`'s first `upto` matches, as the dict of
   `_variant_matches` tells: the same start and an equal unit. */
static int seen_match(Match *items, Py_ssize_t upto, Py_ssize_t start, PyObject *unit) {
    for (Py_ssize_t j = 0; j < upto; j++) {
        if (items[j].start != start) continue;
        if (items[j].unit == unit) return 1;
        int r = PyObject_RichCompareBool(items[j].unit, unit, Py_EQ);
        if (r != 0) return r;
    }
    return 0;
}

/* A reading of `_resolve_overlaps`: (head, syllable, bonus) of word w. */
typedef struct {
    Py_ssize_t w;
    int head;
    PyObject *syllable;
    double bonus;
} Reading;

/* `about.get(id(cands)) or _about(tables, cands)`: borrowed from the memo's entry. */
static PyObject *known_of(Ctx *c, PyObject *cands, PyObject *keep_list) {
    PyObject *id = PyLong_FromVoidPtr(cands);
    if (id == NULL) return NULL;
    PyObject *known = PyDict_GetItemWithError(c->about, id);
    Py_DECREF(id);
    if (known == NULL) {
        if (PyErr_Occurred()) return NULL;
        known = PyObject_CallOneArg(c->about_new, cands);
    } else {
        Py_INCREF(known); /* the memo may be emptied by a later list's entry */
    }
    if (keep(keep_list, known) < 0) return NULL;
    if (!PyTuple_Check(known) || PyTuple_GET_SIZE(known) != 3) {
        PyErr_SetString(PyExc_TypeError, "about: an entry is (cands, ids, boosts)");
        return NULL;
    }
    return known;
}

/* One boost of `_favour`: word w's position favours `target` by `bonus` (the float
   object `bonus_obj`), or, for a damaged word whose readings do not hold it, gains it at
   its fold's weight (`fold_of` the syllable whose fold is asked). */
static int favour_one(Ctx *c, PyObject *positions, PyObject *tie, Py_ssize_t at,
                      PyObject *target, PyObject *fold_of, double bonus, PyObject *bonus_obj,
                      int add, PyObject *keep_list) {
    PyObject *cands = PyList_GET_ITEM(positions, at);
    PyObject *known = known_of(c, cands, keep_list);
    if (known == NULL) return -1;
    if (tie != NULL) {
        int has = PySequence_Contains(PyTuple_GET_ITEM(known, 1), target);
        if (has < 0) return -1;
        if (!has) {
            PyObject *f = PyObject_CallOneArg(c->folded, fold_of);
            if (f == NULL) return -1;
            PyObject *weight = PyDict_GetItemWithError(tie, f);
            Py_DECREF(f);
            if (weight == NULL) return PyErr_Occurred() ? -1 : 0;
            double w = PyFloat_AsDouble(weight);
            if (w == -1.0 && PyErr_Occurred()) return -1;
            Py_ssize_t size = PyTuple_GET_SIZE(cands);
            PyObject *grown = PyTuple_New(size + 1);
            if (grown == NULL) return -1;
            for (Py_ssize_t k = 0; k < size; k++) {
                PyObject *pair = PyTuple_GET_ITEM(cands, k);
                Py_INCREF(pair);
                PyTuple_SET_ITEM(grown, k, pair);
            }
            PyObject *pair = Py_BuildValue("(Od)", target, w + bonus);
            if (pair == NULL) {
                Py_DECREF(grown);
                return -1;
            }
            PyTuple_SET_ITEM(grown, size, pair);
            untrack_if_plain(pair);
            untrack_if_plain(grown);
            return PyList_SetItem(positions, at, grown);
        }
    }
    PyObject *key = PyTuple_Pack(3, target, bonus_obj, add ? Py_True : Py_False);
    if (key == NULL) return -1;
    untrack_if_plain(key); /* kept in the list's boosts: numbers only */
    PyObject *boosts = PyTuple_GET_ITEM(known, 2);
    PyObject *boosted = PyDict_GetItemWithError(boosts, key);
    if (boosted == NULL) {
        if (PyErr_Occurred()) {
            Py_DECREF(key);
            return -1;
        }
        boosted = PyObject_CallFunctionObjArgs(c->boosted, cands, target, bonus_obj,
                                               add ? Py_True : Py_False, NULL);
        if (boosted == NULL || PyDict_SetItem(boosts, key, boosted) < 0) {
            Py_XDECREF(boosted);
            Py_DECREF(key);
            return -1;
        }
    } else {
        Py_INCREF(boosted);
    }
    Py_DECREF(key);
    return PyList_SetItem(positions, at, boosted); /* steals */
}

static int read_ctx(PyObject *t, Ctx *c) {
    if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) != C_SIZE) {
        PyErr_SetString(PyExc_TypeError, "favour: a context tuple of its size");
        return -1;
    }
#define G(i) PyTuple_GET_ITEM(t, i)
    c->folds = G(C_FOLDS);
    c->folded = G(C_FOLDED);
    c->damaged = G(C_DAMAGED);
    c->damaged_word = G(C_DAMAGED_WORD);
    c->starts = G(C_STARTS);
    c->longest = G(C_LONGEST);
    c->terms = G(C_TERMS);
    c->names = G(C_NAMES);
    c->reach = PyLong_AsSsize_t(G(C_REACH));
    c->before_name = G(C_BEFORE_NAME);
    c->before_acronym = G(C_BEFORE_ACRONYM);
    c->is_acronym = G(C_IS_ACRONYM);
    c->index = G(C_INDEX);
    c->about = G(C_ABOUT);
    c->about_new = G(C_ABOUT_NEW);
    c->boosted = G(C_BOOSTED);
    c->common = G(C_COMMON);
    c->vocab = G(C_VOCAB);
    c->memo_limit = PyLong_AsSsize_t(G(C_MEMO_LIMIT));
    c->unit_bonus = PyFloat_AsDouble(G(C_UNIT_BONUS));
    c->name_unit_bonus = PyFloat_AsDouble(G(C_NAME_UNIT_BONUS));
    c->word_bonus = G(C_WORD_BONUS);
#undef G
    if (PyErr_Occurred()) return -1;
    if (!PyDict_Check(c->folds) || !PyDict_Check(c->damaged) || !PyAnySet_Check(c->starts)
        || !PyDict_Check(c->longest) || !PyDict_Check(c->terms) || !PyDict_Check(c->names)
        || !PyDict_Check(c->before_name) || !PyDict_Check(c->before_acronym)
        || !PyDict_Check(c->index) || !PyDict_Check(c->about) || !PyDict_Check(c->common)
        || !PyList_Check(c->vocab) || !PyFloat_Check(c->word_bonus)) {
        PyErr_SetString(PyExc_TypeError, "favour: the context's tables of the wrong types");
        return -1;
    }
    return 0;
}

/* `_damaged_readings`: fills `first` (borrowed or kept), `ties` (borrowed dicts, NULL
   when none) and the changes (k, fold). */
static int damaged_readings(Ctx *c, PyObject *positions, PyObject **ats, PyObject **words,
                            PyObject **first, PyObject **ties, Py_ssize_t n, int one,
                            Py_ssize_t **change_k, PyObject ***change_f, Py_ssize_t *changes,
                            PyObject *keep_list) {
    Py_ssize_t cap = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (ats[k] == Py_None) continue;
        Py_ssize_t at = PyLong_AsSsize_t(ats[k]);
        if (at == -1 && PyErr_Occurred()) return -1;
        PyObject *cands = PyList_GET_ITEM(positions, at);
        int truth = PyObject_IsTrue(cands);
        if (truth < 0) return -1;
        if (!truth) continue;
        PyObject *hit = PyDict_GetItemWithError(c->damaged, words[k]);
        if (hit == NULL && PyErr_Occurred()) return -1;
        if (hit == NULL || PyTuple_GET_ITEM(hit, 0) != cands) {
            PyObject *read = PyObject_CallFunctionObjArgs(c->damaged_word, words[k], first[k],
                                                          cands, one ? Py_True : Py_False,
                                                          NULL);
            if (read == NULL) return -1;
            PyObject *made = PyTuple_Pack(2, cands, read);
            Py_DECREF(read);
            if (made == NULL) return -1;
            untrack_if_plain(made);
            if (PyDict_GET_SIZE(c->damaged) >= c->memo_limit) PyDict_Clear(c->damaged);
            if (PyDict_SetItem(c->damaged, words[k], made) < 0) {
                Py_DECREF(made);
                return -1;
            }
            hit = made;
        } else {
            Py_INCREF(hit); /* the memo may be emptied by a later word's */
        }
        if (keep(keep_list, hit) < 0) return -1;
        PyObject *read = PyTuple_GET_ITEM(hit, 1);
        if (read == Py_None) continue;
        first[k] = PyTuple_GET_ITEM(read, 0);
        ties[k] = PyTuple_GET_ITEM(read, 1);
        PyObject *other = PyTuple_GET_ITEM(read, 2);
        Py_ssize_t more = PyTuple_GET_SIZE(other);
        if (*changes + more > cap) {
            cap = (*changes + more) * 2 + 8;
            Py_ssize_t *ks = realloc(*change_k, cap * sizeof(Py_ssize_t));
            if (ks == NULL) return PyErr_NoMemory(), -1;
            *change_k = ks;
            PyObject **fs = realloc(*change_f, cap * sizeof(PyObject *));
            if (fs == NULL) return PyErr_NoMemory(), -1;
            *change_f = fs;
        }
        for (Py_ssize_t j = 0; j < more; j++) {
            (*change_k)[*changes] = k;
            (*change_f)[*changes] = PyTuple_GET_ITEM(other, j);
            (*changes)++;
        }
    }
    return 0;
}

/* `_variant_matches`: the first's matches, then each change's, each (start, unit) once. */
static int variant_matches(Ctx *c, PyObject **first, const char *capital,
                           const char *acronym, Py_ssize_t n, Py_ssize_t *change_k,
                           PyObject **change_f, Py_ssize_t changes, Matches *found,
                           PyObject **variant) {
    if (unit_matches(c, first, capital, acronym, n, 1, 0, 0, found) < 0) return -1;
    for (Py_ssize_t k = 0; k < n; k++) variant[k] = first[k];
    Matches more = {NULL, 0, 0};
    int status = 0;
    for (Py_ssize_t j = 0; j < changes; j++) {
        Py_ssize_t k = change_k[j];
        Py_ssize_t lo = k - 1;
        for (Py_ssize_t i = (k - c->reach + 1 > 0 ? k - c->reach + 1 : 0); i < k - 1; i++) {
            int r = PySet_Contains(c->starts, first[i]);
            if (r < 0) goto fail;
            if (!r) continue;
            Py_ssize_t most;
            if (longest_of(c, first[i], first[i + 1], &most) < 0) goto fail;
            if (most < 0) most = 0;
            if (most > k - i) {
                lo = i;
                break;
            }
        }
        variant[k] = change_f[j];
        more.n = 0;
        if (unit_matches(c, variant, capital, acronym, n, 0, lo, k + 1, &more) < 0) goto fail;
        for (Py_ssize_t m = 0; m < more.n; m++) {
            int r = seen_match(found->items, found->n, more.items[m].start, more.items[m].unit);
            if (r < 0) goto fail;
            if (!r && matches_push(found, more.items[m].start, more.items[m].unit) < 0) goto fail;
        }
        variant[k] = first[k];
    }
    goto done;
fail:
    status = -1;
done:
    free(more.items);
    return status;
}

/* `_resolve_overlaps`: the readings, by word in the order words are first met. */
static int resolve_overlaps(Ctx *c, Matches *found, const char *capital, const char *titled,
                            Py_ssize_t n, Reading **out, Py_ssize_t *count) {
    Py_ssize_t total = 0;
    for (Py_ssize_t m = 0; m < found->n; m++) {
        PyObject *syllables = PyObject_GetAttrString(found->items[m].unit, "syllables");
        if (syllables == NULL) return -1;
        total += PyTuple_GET_SIZE(syllables);
        Py_DECREF(syllables);
    }
    Reading *all = malloc((total + 1) * sizeof(Reading));
    Py_ssize_t *order = malloc((total + 1) * sizeof(Py_ssize_t));
    Reading *res = malloc((total + 1) * sizeof(Reading));
    if (all == NULL || order == NULL || res == NULL) {
        free(all), free(order), free(res);
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t r = 0, words = 0;
    for (Py_ssize_t m = 0; m < found->n; m++) {
        Py_ssize_t start = found->items[m].start;
        PyObject *unit = found->items[m].unit;
        PyObject *syllables = PyObject_GetAttrString(unit, "syllables");
        PyObject *proper = PyObject_GetAttrString(unit, "proper");
        if (syllables == NULL || proper == NULL) {
            Py_XDECREF(syllables), Py_XDECREF(proper);
            free(all), free(order), free(res);
            return -1;
        }
        Py_ssize_t size = PyTuple_GET_SIZE(syllables);
        double bonus = c->unit_bonus;
        int proper_truth = PyObject_IsTrue(proper);
        Py_DECREF(proper);
        if (proper_truth && start + size < n) {
            int all_titled = 1;
            for (Py_ssize_t k = start; k < start + size + 1; k++)
                if (!titled[k]) all_titled = 0;
            if (all_titled) bonus += c->name_unit_bonus;
        }
        for (Py_ssize_t k = 0; k < size; k++) {
            Py_ssize_t w = start + k;
            int met = 0;
            for (Py_ssize_t j = 0; j < words; j++)
                if (order[j] == w) met = 1;
            if (!met) order[words++] = w;
            all[r].w = w;
            all[r].head = k == 0 && capital[start];
            all[r].syllable = PyTuple_GET_ITEM(syllables, k); /* alive: the unit holds it */
            all[r].bonus = bonus;
            r++;
        }
        Py_DECREF(syllables);
    }
    Py_ssize_t kept = 0;
    for (Py_ssize_t j = 0; j < words; j++) {
        Py_ssize_t w = order[j];
        Py_ssize_t readings = 0, heads = 0;
        PyObject *one = NULL;
        int differ = 0;
        for (Py_ssize_t i = 0; i < r; i++) {
            if (all[i].w != w) continue;
            readings++;
            heads += all[i].head;
            if (one == NULL) {
                one = all[i].syllable;
            } else if (!differ && one != all[i].syllable) {
                int eq = PyUnicode_Compare(one, all[i].syllable);
                if (eq == -1 && PyErr_Occurred()) {
                    free(all), free(order), free(res);
                    return -1;
                }
                if (eq != 0) differ = 1;
            }
        }
        int heads_only = readings > 1 && differ && heads > 0;
        for (Py_ssize_t i = 0; i < r; i++) {
            if (all[i].w != w || (heads_only && !all[i].head)) continue;
            res[kept++] = all[i];
        }
    }
    free(all);
    free(order);
    *out = res;
    *count = kept;
    return 0;
}

static PyObject *favour(PyObject *self, PyObject *args) {
    PyObject *positions, *run, *ctx_tuple;
    int garbled, one;
    if (!PyArg_ParseTuple(args, "O!O!ppO", &PyList_Type, &positions, &PyList_Type, &run,
                          &garbled, &one, &ctx_tuple))
        return NULL;
    Ctx c;
    if (read_ctx(ctx_tuple, &c) < 0) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(run);
    Py_ssize_t npos = PyList_GET_SIZE(positions);
    PyObject *keep_list = PyList_New(0);
    PyObject *run_copy = PyList_GetSlice(run, 0, n); /* the run's items alive throughout */
    PyObject **ats = calloc(n + 1, sizeof(PyObject *));
    PyObject **words = calloc(n + 1, sizeof(PyObject *));
    PyObject **folded = calloc(n + 1, sizeof(PyObject *));
    PyObject **variant = calloc(n + 1, sizeof(PyObject *));
    PyObject **ties = calloc(n + 1, sizeof(PyObject *));
    char *capital = calloc(n + 1, 1), *titled = calloc(n + 1, 1), *acronym_flags = NULL;
    Py_ssize_t *change_k = NULL, changes = 0, count = 0;
    PyObject **change_f = NULL;
    Matches found = {NULL, 0, 0};
    Reading *readings = NULL;
    PyObject *result = NULL;
    if (keep_list == NULL || run_copy == NULL) goto done;
    if (!ats || !words || !folded || !variant || !ties || !capital || !titled) {
        PyErr_NoMemory();
        goto done;
    }
    int any_kept = 0; /* a word kept as written (its position None) */
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *item = PyList_GET_ITEM(run_copy, k);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2
            || !PyUnicode_Check(PyTuple_GET_ITEM(item, 1))) {
            PyErr_SetString(PyExc_TypeError, "favour: a run of (position, word)");
            goto done;
        }
        ats[k] = PyTuple_GET_ITEM(item, 0);
        words[k] = PyTuple_GET_ITEM(item, 1);
        if (ats[k] == Py_None) {
            any_kept = 1;
        } else {
            Py_ssize_t at = PyLong_AsSsize_t(ats[k]);
            if (at == -1 && PyErr_Occurred()) goto done;
            if (at < 0 || at >= npos) {
                PyErr_SetString(PyExc_IndexError, "favour: a position out of the list");
                goto done;
            }
        }
        /* folds.get(word) or tables.folded(word) */
        PyObject *f = PyDict_GetItemWithError(c.folds, words[k]);
        if (f == NULL && PyErr_Occurred()) goto done;
        if (f == NULL || PyUnicode_GET_LENGTH(f) == 0) {
            f = PyObject_CallOneArg(c.folded, words[k]);
        } else {
            Py_INCREF(f); /* the memo may be emptied by a later word's fold */
        }
        if (keep(keep_list, f) < 0) goto done;
        folded[k] = f;
        capital[k] = first_isupper(words[k]);
        titled[k] = capital[k] && !word_isupper(words[k]);
    }
    if (garbled && damaged_readings(&c, positions, ats, words, folded, ties, n, one, &change_k,
                                    &change_f, &changes, keep_list) < 0)
        goto done;
    int add = !garbled;
    /* most runs: no term starts (in the run as first read, or in a word's other reading) */
    int starts = 0;
    for (Py_ssize_t k = 0; k < n && !starts; k++) {
        int r = PySet_Contains(c.starts, folded[k]);
        if (r < 0) goto done;
        starts = r;
    }
    for (Py_ssize_t j = 0; j < changes && !starts; j++) {
        int r = PySet_Contains(c.starts, change_f[j]);
        if (r < 0) goto done;
        starts = r;
    }
    if (starts) {
        if (any_kept) {
            acronym_flags = calloc(n + 1, 1);
            if (acronym_flags == NULL) {
                PyErr_NoMemory();
                goto done;
            }
            for (Py_ssize_t k = 0; k < n; k++) {
                if (ats[k] != Py_None) continue;
                PyObject *is = PyObject_CallOneArg(c.is_acronym, words[k]);
                if (is == NULL) goto done;
                int truth = PyObject_IsTrue(is);
                Py_DECREF(is);
                if (truth < 0) goto done;
                acronym_flags[k] = (char)truth;
            }
        }
        if (changes) {
            if (variant_matches(&c, folded, capital, acronym_flags, n, change_k, change_f,
                                changes, &found, variant) < 0)
                goto done;
        } else if (unit_matches(&c, folded, capital, acronym_flags, n, 1, 0, 0, &found) < 0) {
            goto done;
        }
        if (resolve_overlaps(&c, &found, capital, titled, n, &readings, &count) < 0) goto done;
        for (Py_ssize_t i = 0; i < count; i++) {
            Reading *rd = &readings[i];
            PyObject *target = PyDict_GetItemWithError(c.index, rd->syllable);
            if (target == NULL && PyErr_Occurred()) goto done;
            if (target == NULL || ats[rd->w] == Py_None) continue;
            Py_ssize_t at = PyLong_AsSsize_t(ats[rd->w]);
            PyObject *bonus = PyFloat_FromDouble(rd->bonus);
            if (keep(keep_list, bonus) < 0) goto done;
            if (favour_one(&c, positions, ties[rd->w], at, target, rd->syllable, rd->bonus,
                           bonus, add, keep_list) < 0)
                goto done;
        }
    }
    /* common words, by pairs of the run's (first) folds */
    double word_bonus = PyFloat_AS_DOUBLE(c.word_bonus);
    for (Py_ssize_t k = 0; k + 1 < n; k++) {
        PyObject *pair = PyTuple_Pack(2, folded[k], folded[k + 1]);
        if (pair == NULL) goto done;
        PyObject *ids = PyDict_GetItemWithError(c.common, pair);
        Py_DECREF(pair);
        if (ids == NULL) {
            if (PyErr_Occurred()) goto done;
            continue;
        }
        if (titled[k] && titled[k + 1]) continue;
        for (int side = 0; side < 2; side++) {
            Py_ssize_t w = k + side;
            if (ats[w] == Py_None) continue;
            Py_ssize_t at = PyLong_AsSsize_t(ats[w]);
            PyObject *target = PyTuple_GET_ITEM(ids, side);
            Py_ssize_t t = PyLong_AsSsize_t(target);
            if (t == -1 && PyErr_Occurred()) goto done;
            PyObject *syllable = PyList_GetItem(c.vocab, t);
            if (syllable == NULL) goto done;
            if (favour_one(&c, positions, ties[w], at, target, syllable, word_bonus,
                           c.word_bonus, add, keep_list) < 0)
                goto done;
        }
    }
    result = Py_None;
    Py_INCREF(result);
done:
    free(ats), free(words), free(folded), free(variant), free(ties);
    free(capital), free(titled), free(acronym_flags), free(change_k), free(change_f);
    free(found.items), free(readings);
    Py_XDECREF(run_copy);
    Py_XDECREF(keep_list);
    return result;
}

/* favour_units(context, runs, limit, positions, run, state, one) -> None
 * `_favour_units`: a run of two words or more favoured once (`favour`), its rewritable
 * words' lists remembered in `runs` (emptied at `limit` entries) under the same key as
 * the Python's: (state, one, the words, which are kept as written, the first word's
 * list or None). */
static PyObject *favour_units(PyObject *self, PyObject *args) {
    PyObject *ctx, *runs, *positions, *run, *state, *one;
    Py_ssize_t limit;
    if (!PyArg_ParseTuple(args, "OO!nO!O!UO", &ctx, &PyDict_Type, &runs, &limit, &PyList_Type,
                          &positions, &PyList_Type, &run, &state, &one))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(run), npos = PyList_GET_SIZE(positions);
    if (n < 2) Py_RETURN_NONE;
    int one_truth = PyObject_IsTrue(one);
    if (one_truth < 0) return NULL;
    PyObject *words = PyTuple_New(n), *kept = PyTuple_New(n), *key = NULL, *result = NULL;
    Py_ssize_t *at = malloc(n * sizeof(Py_ssize_t));
    Py_ssize_t count = 0;
    if (words == NULL || kept == NULL || at == NULL) {
        if (at == NULL) PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *item = PyList_GET_ITEM(run, k);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2) {
            PyErr_SetString(PyExc_TypeError, "favour_units: a run of (position, word)");
            goto done;
        }
        PyObject *position = PyTuple_GET_ITEM(item, 0), *word = PyTuple_GET_ITEM(item, 1);
        Py_INCREF(word);
        PyTuple_SET_ITEM(words, k, word);
        PyObject *none = position == Py_None ? Py_True : Py_False;
        Py_INCREF(none);
        PyTuple_SET_ITEM(kept, k, none);
        if (position != Py_None) {
            Py_ssize_t p = PyLong_AsSsize_t(position);
            if (p == -1 && PyErr_Occurred()) goto done;
            if (p < 0 || p >= npos) {
                PyErr_SetString(PyExc_IndexError, "favour_units: a position out of the list");
                goto done;
            }
            at[count++] = p;
        }
    }
    {
        PyObject *first = PyTuple_GET_ITEM(PyList_GET_ITEM(run, 0), 0);
        PyObject *first_cands = first == Py_None ? Py_None : PyList_GET_ITEM(positions, at[0]);
        untrack_if_plain(words); /* the key is kept in the memo of runs: strings only */
        untrack_if_plain(kept);
        key = PyTuple_Pack(5, state, one_truth ? Py_True : Py_False, words, kept, first_cands);
        if (key == NULL) goto done;
        untrack_if_plain(key);
    }
    PyObject *favoured = PyDict_GetItemWithError(runs, key);
    if (favoured == NULL) {
        if (PyErr_Occurred()) goto done;
        int garbled = PyUnicode_CompareWithASCIIString(state, "garbled") == 0;
        PyObject *call = Py_BuildValue("(OOiiO)", positions, run, garbled, one_truth, ctx);
        if (call == NULL) goto done;
        PyObject *r = favour(NULL, call);
        Py_DECREF(call);
        if (r == NULL) goto done;
        Py_DECREF(r);
        PyObject *made = PyTuple_New(count);
        if (made == NULL) goto done;
        for (Py_ssize_t j = 0; j < count; j++) {
            PyObject *cands = PyList_GET_ITEM(positions, at[j]);
            Py_INCREF(cands);
            PyTuple_SET_ITEM(made, j, cands);
        }
        untrack_if_plain(made);
        if (PyDict_GET_SIZE(runs) >= limit) PyDict_Clear(runs);
        int bad = PyDict_SetItem(runs, key, made);
        Py_DECREF(made);
        if (bad < 0) goto done;
    } else {
        if (!PyTuple_Check(favoured) || PyTuple_GET_SIZE(favoured) != count) {
            PyErr_SetString(PyExc_ValueError, "favour_units: a remembered run of its size");
            goto done;
        }
        for (Py_ssize_t j = 0; j < count; j++) {
            PyObject *cands = PyTuple_GET_ITEM(favoured, j);
            Py_INCREF(cands);
            if (PyList_SetItem(positions, at[j], cands) < 0) goto done;
        }
    }
    result = Py_NewRef(Py_None);
done:
    free(at);
    Py_XDECREF(words);
    Py_XDECREF(kept);
    Py_XDECREF(key);
    return result;
}

/* about_entry(about, limit, cands) -> (cands, ids, {})
 * `_about`: the memo's entry for a candidate list, made on first meeting (the memo emptied
 * when it holds `limit`). */
static PyObject *about_entry(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyDict_Check(args[0]) || !PyTuple_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "about_entry(about: dict, limit: int, cands: tuple)");
        return NULL;
    }
    PyObject *about = args[0], *cands = args[2];
    Py_ssize_t limit = PyLong_AsSsize_t(args[1]);
    if (limit == -1 && PyErr_Occurred()) return NULL;
    if (PyDict_GET_SIZE(about) >= limit) PyDict_Clear(about);
    Py_ssize_t n = PyTuple_GET_SIZE(cands);
    PyObject *ids = PyTuple_New(n);
    if (ids == NULL) return NULL;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *pair = PyTuple_GET_ITEM(cands, k);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) < 1) {
            Py_DECREF(ids);
            PyErr_SetString(PyExc_TypeError, "about_entry: candidates are (id, weight) pairs");
            return NULL;
        }
        PyTuple_SET_ITEM(ids, k, Py_NewRef(PyTuple_GET_ITEM(pair, 0)));
    }
    untrack_if_plain(ids);
    PyObject *boosts = PyDict_New();
    PyObject *known = boosts == NULL ? NULL : PyTuple_Pack(3, cands, ids, boosts);
    Py_DECREF(ids);
    Py_XDECREF(boosts);
    if (known == NULL) return NULL;
    untrack_if_plain(known); /* its dict of boosts is empty yet: untracked too */
    PyObject *id = PyLong_FromVoidPtr(cands);
    if (id == NULL || PyDict_SetItem(about, id, known) < 0) {
        Py_XDECREF(id);
        Py_DECREF(known);
        return NULL;
    }
    Py_DECREF(id);
    return known;
}

/* `_boost(cands, target, bonus, add)`: each entry of `target` gaining `bonus`, or `target`
   added at `bonus` with `add`; else `cands` itself. */
static PyObject *boost(PyObject *cands, PyObject *target, PyObject *bonus, int add) {
    Py_ssize_t n = PyTuple_GET_SIZE(cands);
    Py_ssize_t first = -1;
    for (Py_ssize_t k = 0; k < n && first < 0; k++) {
        PyObject *pair = PyTuple_GET_ITEM(cands, k);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "boosted: candidates are (id, weight) pairs");
            return NULL;
        }
        int eq = PyObject_RichCompareBool(PyTuple_GET_ITEM(pair, 0), target, Py_EQ);
        if (eq < 0) return NULL;
        if (eq) first = k;
    }
    if (first < 0 && !add) return Py_NewRef(cands);
    PyObject *out = PyTuple_New(first < 0 ? n + 1 : n);
    if (out == NULL) return NULL;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *pair = PyTuple_GET_ITEM(cands, k);
        int eq = 0;
        if (first >= 0 && k >= first) {
            if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
                Py_DECREF(out);
                PyErr_SetString(PyExc_TypeError, "boosted: candidates are (id, weight) pairs");
                return NULL;
            }
            eq = PyObject_RichCompareBool(PyTuple_GET_ITEM(pair, 0), target, Py_EQ);
            if (eq < 0) {
                Py_DECREF(out);
                return NULL;
            }
        }
        if (!eq) {
            PyTuple_SET_ITEM(out, k, Py_NewRef(pair));
            continue;
        }
        PyObject *weight = PyNumber_Add(PyTuple_GET_ITEM(pair, 1), bonus);
        PyObject *made = weight == NULL ? NULL : PyTuple_Pack(2, target, weight);
        Py_XDECREF(weight);
        if (made == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        untrack_if_plain(made);
        PyTuple_SET_ITEM(out, k, made);
    }
    if (first < 0) {
        PyObject *made = PyTuple_Pack(2, target, bonus);
        if (made == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        untrack_if_plain(made);
        PyTuple_SET_ITEM(out, n, made);
    }
    untrack_if_plain(out);
    return out;
}

/* boosted(boosts, limit, cands, target, bonus, add) -> candidates
 * `_Tables.boosted`: `_boost`'s list, remembered in `boosts` by (cands, target, bonus,
 * add) (emptied when it holds `limit`). */
static PyObject *boosted(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 6 || !PyDict_Check(args[0]) || !PyTuple_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError,
                        "boosted(boosts: dict, limit: int, cands: tuple, target, bonus, add)");
        return NULL;
    }
    PyObject *memo = args[0];
    Py_ssize_t limit = PyLong_AsSsize_t(args[1]);
    if (limit == -1 && PyErr_Occurred()) return NULL;
    PyObject *key = PyTuple_Pack(4, args[2], args[3], args[4], args[5]);
    if (key == NULL) return NULL;
    untrack_if_plain(key); /* kept in the memo: numbers only, as the list is */
    PyObject *hit = PyDict_GetItemWithError(memo, key);
    if (hit != NULL) {
        Py_DECREF(key);
        return Py_NewRef(hit);
    }
    if (PyErr_Occurred()) {
        Py_DECREF(key);
        return NULL;
    }
    int add = PyObject_IsTrue(args[5]);
    hit = add < 0 ? NULL : boost(args[2], args[3], args[4], add);
    if (hit == NULL) {
        Py_DECREF(key);
        return NULL;
    }
    if (PyDict_GET_SIZE(memo) >= limit) PyDict_Clear(memo);
    int bad = PyDict_SetItem(memo, key, hit);
    Py_DECREF(key);
    if (bad < 0) {
        Py_DECREF(hit);
        return NULL;
    }
    return hit;
}

/* str.isalpha() */
static int all_alpha(PyObject *word) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(word);
    if (n == 0) return 0;
    int kind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(word);
    for (Py_ssize_t i = 0; i < n; i++)
        if (!Py_UNICODE_ISALPHA(PyUnicode_READ(kind, data, i))) return 0;
    return 1;
}

/* damaged_word(vocab_folds, syllables, weight, one_weight, margin, most, word, folded,
 *              cands, one) -> (kept, folds, others) or None
 * `_damaged_word`: the folds of the word's readings nearly as cheap as its cheapest (each
 * at its cheapest reading's weight), the fold its run reads first, its other folds (at most
 * `most` looked at). `syllables` is the model's candidates by fold; `weight` and
 * `one_weight` the channel's weights (CHANNEL_WEIGHT, ONE_ACCENT_CHANNEL), `margin`
 * READING_MARGIN. */
static PyObject *damaged_word(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 10 || !PyList_Check(args[0]) || !PyDict_Check(args[1])
        || !PyUnicode_Check(args[6]) || !PyTuple_Check(args[8])) {
        PyErr_SetString(PyExc_TypeError,
                        "damaged_word(vocab_folds: list, syllables: dict, weight, one_weight, "
                        "margin, most, word: str, folded, cands: tuple, one)");
        return NULL;
    }
    PyObject *vocab_folds = args[0], *syllables = args[1], *word = args[6];
    PyObject *folded = args[7], *cands = args[8];
    int one = PyObject_IsTrue(args[9]);
    if (one < 0) return NULL;
    double weight = PyFloat_AsDouble(one ? args[3] : args[2]);
    double margin = PyFloat_AsDouble(args[4]);
    Py_ssize_t most = PyLong_AsSsize_t(args[5]);
    if (PyErr_Occurred()) return NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(cands);
    if (n == 0) {
        PyErr_SetString(PyExc_IndexError, "damaged_word: no candidates");
        return NULL;
    }
    PyObject *folds = PyDict_New();
    if (folds == NULL) return NULL;
    double floor = 0.0;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *pair = PyTuple_GET_ITEM(cands, k);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "damaged_word: candidates are (id, weight) pairs");
            goto fail;
        }
        PyObject *w = PyTuple_GET_ITEM(pair, 1);
        double value = PyFloat_AsDouble(w);
        if (value == -1.0 && PyErr_Occurred()) goto fail;
        if (k == 0) floor = value - weight * margin - 1e-9;
        if (value < floor) break;
        Py_ssize_t c = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 0));
        if (c == -1 && PyErr_Occurred()) goto fail;
        if (c < 0) c += PyList_GET_SIZE(vocab_folds);
        if (c < 0 || c >= PyList_GET_SIZE(vocab_folds)) {
            PyErr_SetString(PyExc_IndexError, "damaged_word: a candidate outside the vocabulary");
            goto fail;
        }
        PyObject *f = PyList_GET_ITEM(vocab_folds, c);
        if (PyDict_SetDefault(folds, f, w) == NULL) goto fail;
    }
    PyObject *kept;
    int alpha = all_alpha(word);
    int known = alpha ? PyDict_Contains(syllables, folded) : 0;
    if (known < 0) goto fail;
    if (known) {
        int has = PyDict_Contains(folds, folded);
        if (has < 0) goto fail;
        if (!has) {
            Py_DECREF(folds);
            Py_RETURN_NONE;
        }
        kept = folded;
    } else {
        Py_ssize_t pos = 0;
        PyObject *value;
        if (!PyDict_Next(folds, &pos, &kept, &value)) {
            PyErr_SetString(PyExc_StopIteration, "damaged_word: no reading");
            goto fail;
        }
    }
    Py_INCREF(kept); /* the folds dict's own key, or the caller's */
    PyObject *others = PyList_New(0);
    if (others == NULL) {
        Py_DECREF(kept);
        goto fail;
    }
    {
        Py_ssize_t pos = 0, seen = 0;
        PyObject *f, *value;
        while (seen < most && PyDict_Next(folds, &pos, &f, &value)) {
            seen++;
            int same = PyObject_RichCompareBool(f, kept, Py_NE);
            if (same < 0 || (same && PyList_Append(others, f) < 0)) {
                Py_DECREF(kept);
                Py_DECREF(others);
                goto fail;
            }
        }
    }
    PyObject *other = PyList_AsTuple(others);
    Py_DECREF(others);
    if (other != NULL) untrack_if_plain(other);
    PyObject *out = other == NULL ? NULL : PyTuple_Pack(3, kept, folds, other);
    Py_DECREF(kept);
    Py_XDECREF(other);
    Py_DECREF(folds);
    if (out != NULL) untrack_if_plain(out); /* a dict of strings and numbers is untracked */
    return out;
fail:
    Py_DECREF(folds);
    return NULL;
}

static PyMethodDef methods[] = {
    {"favour_units", favour_units, METH_VARARGS,
     "favour_units(context, runs, limit, positions, run, state, one) -> None: "
     "`_favour_units`, in place"},
    {"favour", favour, METH_VARARGS,
     "favour(positions, run, garbled, one, context) -> None: `_favour`, in place"},
    {"about_entry", (PyCFunction)(void (*)(void))about_entry, METH_FASTCALL,
     "about_entry(about, limit, cands) -> (cands, ids, {}): `_about`"},
    {"boosted", (PyCFunction)(void (*)(void))boosted, METH_FASTCALL,
     "boosted(boosts, limit, cands, target, bonus, add) -> candidates: `_Tables.boosted`"},
    {"damaged_word", (PyCFunction)(void (*)(void))damaged_word, METH_FASTCALL,
     "damaged_word(vocab_folds, syllables, weight, one_weight, margin, most, word, folded, "
     "cands, one) -> (kept, folds, others) or None: `_damaged_word`"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_favour", "The restorer's favouring of units, compiled.", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__favour(void) { return PyModule_Create(&module); }
