/* The agency readers' key loop, its per-word steps compiled (agency_phrases.py).
 *
 * At each place a name may start, the key loop asks how far the table's names can reach:
 * how many words a name of the table begins with (`_known_reach`, a walk down the trie of
 * the names' words) and where the first word that is no slip of any name's word at its
 * place ends (`_typo_reach`, each word's places looked up by `_places_near`). In Python
 * each word was a turn of a loop, a string made and two or three calls; here the words are
 * read off the folded text and looked up in the same dictionaries and sets, the answers
 * the same. agency_phrases.py keeps the Python where this was not built;
 * tests/test_compiled_name_steps.py compares the two.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "../normalize/_name_words.h"  /* name_char, next_word */

/* A place clamped to the text, as the engine clamps pos and endpos. */
static inline Py_ssize_t clamped(Py_ssize_t at, Py_ssize_t n) {
    return at < 0 ? 0 : (at > n ? n : at);
}

/* known_reach(folded, start, end, trie, joining) -> int: how many of the words from start
 * to end a name of the trie begins with (a word of `joining` is counted and no step). */
static PyObject *known_reach(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5 || !PyUnicode_Check(args[0]) || !PyDict_Check(args[3])
            || !PyAnySet_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError, "known_reach(str, start, end, dict, set)");
        return NULL;
    }
    PyObject *text = args[0], *node = args[3], *joining = args[4];
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t i = PyLong_AsSsize_t(args[1]), end = PyLong_AsSsize_t(args[2]);
    if (PyErr_Occurred()) return NULL;
    i = clamped(i, n);
    end = clamped(end, n);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t count = 0, start;
    while ((start = next_word(kind, data, &i, end, 0)) >= 0) {
        PyObject *word = PyUnicode_Substring(text, start, i);
        if (word == NULL) return NULL;
        int joins = PySet_Contains(joining, word);
        if (joins < 0) {
            Py_DECREF(word);
            return NULL;
        }
        if (!joins) {  /* (the trie holds its nodes: a borrowed reference lives as long) */
            node = PyDict_GetItemWithError(node, word);
            if (node == NULL && PyErr_Occurred()) {
                Py_DECREF(word);
                return NULL;
            }
        }
        Py_DECREF(word);
        if (node == NULL) break;
        if (!PyDict_Check(node)) {
            PyErr_SetString(PyExc_TypeError, "known_reach: a trie's node is no dict");
            return NULL;
        }
        count++;
    }
    return PyLong_FromSsize_t(count);
}

/* Whether bit k of the int `bits` is set (`bits >> k & 1`); -1 on an error. */
static int bit_set(PyObject *bits, Py_ssize_t k) {
    int overflow;
    long long value = PyLong_AsLongLongAndOverflow(bits, &overflow);
    if (value == -1 && PyErr_Occurred()) return -1;
    if (!overflow && value >= 0 && k < 62) return (int)((value >> k) & 1);
    PyObject *place = PyLong_FromSsize_t(k);
    if (place == NULL) return -1;
    PyObject *shifted = PyNumber_Rshift(bits, place);
    Py_DECREF(place);
    if (shifted == NULL) return -1;
    PyObject *one = PyLong_FromLong(1);
    PyObject *low = one ? PyNumber_And(shifted, one) : NULL;
    Py_DECREF(shifted);
    Py_XDECREF(one);
    if (low == NULL) return -1;
    int set = PyObject_IsTrue(low);
    Py_DECREF(low);
    return set;
}

/* typo_reach(folded, start, end, stop, places_near) -> int: where the first `\S+` word from
 * start whose places (`places_near(word)`, bit k its k-th) miss its own place ends, read
 * as far as stop; stop + 1 where a word goes on past stop (stop < end) or none misses. */
static PyObject *typo_reach(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5 || !PyUnicode_Check(args[0]) || !PyCallable_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError, "typo_reach(str, start, end, stop, places_near)");
        return NULL;
    }
    PyObject *text = args[0], *places_near = args[4];
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t i = PyLong_AsSsize_t(args[1]), end = PyLong_AsSsize_t(args[2]);
    Py_ssize_t stop = PyLong_AsSsize_t(args[3]);
    if (PyErr_Occurred()) return NULL;
    Py_ssize_t scan_end = clamped(stop, n);
    i = clamped(i, n);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t start;
    for (Py_ssize_t k = 0; (start = next_word(kind, data, &i, scan_end, 1)) >= 0; k++) {
        /* (a word cut by stop that goes on past it: it ends past stop) */
        if (i == stop && stop < end && stop < n
                && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, stop)))
            return PyLong_FromSsize_t(stop + 1);
        PyObject *word = PyUnicode_Substring(text, start, i);
        if (word == NULL) return NULL;
        PyObject *bits = PyObject_CallOneArg(places_near, word);
        Py_DECREF(word);
        if (bits == NULL) return NULL;
        int near = bit_set(bits, k);
        Py_DECREF(bits);
        if (near < 0) return NULL;
        if (!near) return PyLong_FromSsize_t(i);
    }
    return PyLong_FromSsize_t(stop + 1);
}

/* places_near(word, near) -> int: bit k set where `word`, or it less a letter, is in
 * near[k] (a tuple of frozensets: a name's words at its k-th place, and each less a
 * letter). */
static PyObject *places_near(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "places_near(str, tuple)");
        return NULL;
    }
    PyObject *word = args[0], *near = args[1];
    Py_ssize_t length = PyUnicode_GET_LENGTH(word), places = PyTuple_GET_SIZE(near);
    PyObject *less = PyTuple_New(length);  /* the word less each of its letters */
    if (less == NULL) return NULL;
    for (Py_ssize_t j = 0; j < length; j++) {
        PyObject *head = PyUnicode_Substring(word, 0, j);
        PyObject *tail = head ? PyUnicode_Substring(word, j + 1, length) : NULL;
        PyObject *form = tail ? PyUnicode_Concat(head, tail) : NULL;
        Py_XDECREF(head);
        Py_XDECREF(tail);
        if (form == NULL) {
            Py_DECREF(less);
            return NULL;
        }
        PyTuple_SET_ITEM(less, j, form);
    }
    PyObject *result = PyLong_FromLong(0);
    for (Py_ssize_t k = 0; result != NULL && k < places; k++) {
        PyObject *known = PyTuple_GET_ITEM(near, k);
        int found = PySet_Contains(known, word);
        for (Py_ssize_t j = 0; found == 0 && j < length; j++)
            found = PySet_Contains(known, PyTuple_GET_ITEM(less, j));
        if (found < 0) {
            Py_CLEAR(result);
            break;
        }
        if (found) {  /* result |= 1 << k */
            PyObject *place = PyLong_FromSsize_t(k), *one = PyLong_FromLong(1);
            PyObject *bit = place && one ? PyNumber_Lshift(one, place) : NULL;
            PyObject *more = bit ? PyNumber_Or(result, bit) : NULL;
            Py_XDECREF(place);
            Py_XDECREF(one);
            Py_XDECREF(bit);
            Py_SETREF(result, more);
        }
    }
    Py_DECREF(less);
    return result;
}

/* Whether `c` is a word character as the engine's `\b` reads one in a str pattern. */
static inline int word_char(Py_UCS4 c) { return Py_UNICODE_ISALNUM(c) || c == '_'; }

/* `\b` at `at` of a text cut at `end`: the characters on either side differ in being word
 * characters (the text before `at` is read, whatever the search's start; none past end). */
static inline int boundary(int kind, const void *data, Py_ssize_t at, Py_ssize_t end) {
    int before = at > 0 && word_char(PyUnicode_READ(kind, data, at - 1));
    int after = at < end && word_char(PyUnicode_READ(kind, data, at));
    return before != after;
}

static inline int capital(Py_UCS4 c) { return (c >= 'A' && c <= 'Z') || c == 0x0110; }

/* Whether the four characters `word` stand at `at` (before `end`) and a `\b` after them. */
static int word_at(int kind, const void *data, Py_ssize_t at, Py_ssize_t end,
                   const Py_UCS4 *word) {
    if (at + 4 > end) return 0;
    for (int j = 0; j < 4; j++)
        if (PyUnicode_READ(kind, data, at + j) != word[j]) return 0;
    return boundary(kind, data, at + 4, end);
}

/* capitals_near(text, pos, endpos) -> bool: whether
 * re.search(r"\b(?!UBND\b|HĐND\b)[A-ZĐ][A-ZĐ&]+\b", text[:endpos] from pos) finds a run of
 * capitals (`_through_abbreviation`: most names have none in their first words). */
static PyObject *capitals_near(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    static const Py_UCS4 ubnd[4] = {'U', 'B', 'N', 'D'}, hdnd[4] = {'H', 0x0110, 'N', 'D'};
    if (nargs != 3 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "capitals_near(str, pos, endpos)");
        return NULL;
    }
    PyObject *text = args[0];
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t pos = PyLong_AsSsize_t(args[1]), end = PyLong_AsSsize_t(args[2]);
    if (PyErr_Occurred()) return NULL;
    pos = clamped(pos, n);
    end = clamped(end, n);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t i = pos; i < end; i++) {
        if (!capital(PyUnicode_READ(kind, data, i))
                || (i > 0 && word_char(PyUnicode_READ(kind, data, i - 1)))
                || word_at(kind, data, i, end, ubnd) || word_at(kind, data, i, end, hdnd))
            continue;
        Py_ssize_t run = i + 1;
        while (run < end && (capital(PyUnicode_READ(kind, data, run))
                             || PyUnicode_READ(kind, data, run) == '&'))
            run++;
        for (Py_ssize_t j = run; j >= i + 2; j--)  /* (the engine gives back from the run's end) */
            if (boundary(kind, data, j, end)) Py_RETURN_TRUE;
    }
    Py_RETURN_FALSE;
}

static PyMethodDef methods[] = {
    {"known_reach", (PyCFunction)(void (*)(void))known_reach, METH_FASTCALL,
     "known_reach(folded, start, end, trie, joining): words a name of the trie begins with"},
    {"typo_reach", (PyCFunction)(void (*)(void))typo_reach, METH_FASTCALL,
     "typo_reach(folded, start, end, stop, places_near): where the first word no slip of a "
     "name's word at its place ends"},
    {"places_near", (PyCFunction)(void (*)(void))places_near, METH_FASTCALL,
     "places_near(word, near): the places where word, or it less a letter, is near"},
    {"capitals_near", (PyCFunction)(void (*)(void))capitals_near, METH_FASTCALL,
     "capitals_near(text, pos, endpos): whether a run of two capitals or more stands there"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_name_steps", "The agency readers' key loop's words, compiled.", -1,
    methods,
};

PyMODINIT_FUNC PyInit__name_steps(void) { return PyModule_Create(&module); }
