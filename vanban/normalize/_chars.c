/* Per-character passes over a text, compiled: folding, the count of capitals, and the
 * name readers' words (their ends) in a folded text.
 *
 * `str.translate` looks each character of a non-ASCII text up in its table through the
 * generic item protocol (an int object made, an item fetched, a result stored): folding
 * and the capitals tests were 6.5% of a clean document's instructions. Here a table of
 * 16-bit code points (folding.py builds it from the same list `str.translate` was given)
 * is read directly. folding.py and text.py keep the `str.translate` passes where this
 * was not built; tests/test_compiled_chars.py compares the two.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#include "_name_words.h"

/* translate(text, table) -> str: each character below len(table) / 2 replaced by
 * table's entry for it (native-endian uint16), the rest as they are: what
 * `text.translate(list_table)` gives when every entry of the list is an int. */
static PyObject *chars_translate(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyBytes_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "translate(str, bytes)");
        return NULL;
    }
    PyObject *text = args[0];
    const uint16_t *table = (const uint16_t *)PyBytes_AS_STRING(args[1]);
    Py_ssize_t size = PyBytes_GET_SIZE(args[1]) / 2;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (kind == PyUnicode_1BYTE_KIND) {
        /* Latin-1 in, and every entry below 0x100 is mapped to a code point of the
         * table: find the widest output first, then write it in the smallest kind. */
        const Py_UCS1 *in = (const Py_UCS1 *)data;
        Py_UCS4 widest = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 c = in[i] < size ? table[in[i]] : in[i];
            if (c > widest) widest = c;
        }
        PyObject *out = PyUnicode_New(n, widest);
        if (out == NULL) return NULL;
        int okind = PyUnicode_KIND(out);
        void *odata = PyUnicode_DATA(out);
        if (okind == PyUnicode_1BYTE_KIND) {
            Py_UCS1 *o = (Py_UCS1 *)odata;
            for (Py_ssize_t i = 0; i < n; i++) o[i] = (Py_UCS1)(in[i] < size ? table[in[i]] : in[i]);
        } else {
            for (Py_ssize_t i = 0; i < n; i++)
                PyUnicode_WRITE(okind, odata, i, in[i] < size ? table[in[i]] : in[i]);
        }
        return out;
    }
    Py_UCS4 *buf = PyMem_Malloc(n ? n * sizeof(Py_UCS4) : 1);
    if (buf == NULL) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        buf[i] = c < (Py_UCS4)size ? table[c] : c;
    }
    PyObject *out = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, n);
    PyMem_Free(buf);
    return out;
}

/* letter_case(text) -> (letters, capitals): how many characters are letters
 * (`str.isalpha`) and how many of those are capitals (`str.isupper`), one character
 * at a time as text.py's `is_upper_text` counts them. */
static PyObject *chars_letter_case(PyObject *module, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "letter_case(str)");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), letters = 0, upper = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c < 0x80) {  /* ASCII: no table look-up */
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                letters++;
                upper += c <= 'Z';
            }
        } else if (Py_UNICODE_ISALPHA(c)) {
            letters++;
            upper += Py_UNICODE_ISUPPER(c) != 0;
        }
    }
    return Py_BuildValue("(nn)", letters, upper);
}

/* Parse (text, pos, endpos, count) and clamp pos and endpos to the text as the regular-
 * expression engine does. */
static int run_args(PyObject *const *args, Py_ssize_t nargs, const char *name,
                    Py_ssize_t *pos, Py_ssize_t *endpos, Py_ssize_t *count) {
    if (nargs != 4 || !PyUnicode_Check(args[0])) {
        PyErr_Format(PyExc_TypeError, "%s(str, pos, endpos, count)", name);
        return -1;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(args[0]);
    *pos = PyLong_AsSsize_t(args[1]);
    *endpos = PyLong_AsSsize_t(args[2]);
    *count = PyLong_AsSsize_t(args[3]);
    if (PyErr_Occurred()) return -1;
    *pos = *pos < 0 ? 0 : (*pos > n ? n : *pos);
    *endpos = *endpos < 0 ? 0 : (*endpos > n ? n : *endpos);
    return 0;
}

/* A word found by `word_matches`: what the readers ask of a match object of `[a-z0-9&]+`
 * or `\S+` (start(), end(), group(), span()), made without the engine's match state. */
typedef struct {
    PyObject_HEAD
    PyObject *word;  /* the word itself, made once: every reader asks for it */
    Py_ssize_t start, end;
} Word;

static void word_dealloc(Word *self) {
    Py_XDECREF(self->word);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *word_start(Word *self, PyObject *unused) { return PyLong_FromSsize_t(self->start); }
static PyObject *word_end(Word *self, PyObject *unused) { return PyLong_FromSsize_t(self->end); }
static PyObject *word_span(Word *self, PyObject *unused) {
    return Py_BuildValue("(nn)", self->start, self->end);
}

/* group() or group(0): the word (a match of these patterns has no other group) */
static PyObject *word_group(Word *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs > 1 || (nargs == 1 && !(PyLong_Check(args[0]) && PyLong_AsSsize_t(args[0]) == 0))) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_IndexError, "no such group");
        return NULL;
    }
    Py_INCREF(self->word);
    return self->word;
}

static PyObject *word_repr(Word *self) {
    return PyUnicode_FromFormat("<Word span=(%zd, %zd), match=%R>", self->start, self->end,
                                self->word);
}

static PyMethodDef word_methods[] = {
    {"start", (PyCFunction)word_start, METH_NOARGS, "where the word starts"},
    {"end", (PyCFunction)word_end, METH_NOARGS, "where the word ends"},
    {"span", (PyCFunction)word_span, METH_NOARGS, "(start, end)"},
    {"group", (PyCFunction)(void (*)(void))word_group, METH_FASTCALL, "the word"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject WordType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "vanban.normalize._chars.Word",
    .tp_basicsize = sizeof(Word),
    .tp_dealloc = (destructor)word_dealloc,
    .tp_repr = (reprfunc)word_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A word found by word_matches: start(), end(), span(), group().",
    .tp_methods = word_methods,
};

/* What `collect` makes of each word found: its end, the word itself, or a Word. */
enum made { END, STRING, WORD };

static PyObject *make_item(PyObject *text, Py_ssize_t start, Py_ssize_t end, enum made what) {
    if (what == END) return PyLong_FromSsize_t(end);
    if (what == STRING) return PyUnicode_Substring(text, start, end);
    Word *item = PyObject_New(Word, &WordType);
    if (item == NULL) return NULL;
    item->start = start;
    item->end = end;
    item->word = PyUnicode_Substring(text, start, end);
    if (item->word == NULL) {
        Py_DECREF(item);
        return NULL;
    }
    return (PyObject *)item;
}

/* The first `count` words from pos to endpos as `[a-z0-9&]+` (spaced false) or `\S+`
 * (spaced true, what str.isspace calls no space: the engine's own test)
 * finditer(text, pos, endpos) finds them (a run cut by pos or endpos is its part
 * inside), each made as `what` says. */
static PyObject *collect(PyObject *text, Py_ssize_t pos, Py_ssize_t endpos, Py_ssize_t count,
                         int spaced, enum made what) {
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *out = PyList_New(0);
    if (out == NULL) return NULL;
    Py_ssize_t i = pos;
    while (count > 0) {
        Py_ssize_t start = next_word(kind, data, &i, endpos, spaced);
        if (start < 0) break;
        PyObject *item = make_item(text, start, i, what);
        if (item == NULL || PyList_Append(out, item) < 0) {
            Py_XDECREF(item);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(item);
        count--;
    }
    return out;
}

/* word_ends(text, pos, endpos, count) and words(...): the first `count` runs of
 * [a-z0-9&]: their ends, or the words themselves. */
static PyObject *chars_word_ends(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    Py_ssize_t pos, endpos, count;
    if (run_args(args, nargs, "word_ends", &pos, &endpos, &count) < 0) return NULL;
    return collect(args[0], pos, endpos, count, 0, END);
}

static PyObject *chars_words(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    Py_ssize_t pos, endpos, count;
    if (run_args(args, nargs, "words", &pos, &endpos, &count) < 0) return NULL;
    return collect(args[0], pos, endpos, count, 0, STRING);
}

/* word_matches(text, pos, endpos, count, spaced): the words as Words. */
static PyObject *chars_word_matches(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    Py_ssize_t pos, endpos, count;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "word_matches(str, pos, endpos, count, spaced)");
        return NULL;
    }
    if (run_args(args, 4, "word_matches", &pos, &endpos, &count) < 0) return NULL;
    int spaced = PyObject_IsTrue(args[4]);
    if (spaced < 0) return NULL;
    return collect(args[0], pos, endpos, count, spaced, WORD);
}

/* A letter as `[^\W\d_]` reads one: a word character (`\w`: alphanumeric or "_") that is
 * no decimal digit (`\d`) nor "_" -- a letter, or a digit or numeral that is no decimal
 * ("²", "½"), as the engine's own tests of a str pattern say. */
static inline int letter_char(Py_UCS4 c) {
    if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    return Py_UNICODE_ISALNUM(c) && !Py_UNICODE_ISDECIMAL(c);
}

/* letter_runs(text, least) -> set: the runs of letters `least` long or more, as
 * set(re.findall(r"[^\W\d_]{least,}", text)) gives them (the glued-word scan reads each
 * distinct word of a document once). */
static PyObject *chars_letter_runs(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "letter_runs(str, least)");
        return NULL;
    }
    Py_ssize_t least = PyLong_AsSsize_t(args[1]);
    if (least == -1 && PyErr_Occurred()) return NULL;
    PyObject *text = args[0];
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0;
    PyObject *out = PySet_New(NULL);
    if (out == NULL) return NULL;
    while (i < n) {
        while (i < n && !letter_char(PyUnicode_READ(kind, data, i))) i++;
        Py_ssize_t start = i;
        while (i < n && letter_char(PyUnicode_READ(kind, data, i))) i++;
        if (i > start && i - start >= least) {
            PyObject *word = PyUnicode_Substring(text, start, i);
            if (word == NULL || PySet_Add(out, word) < 0) {
                Py_XDECREF(word);
                Py_DECREF(out);
                return NULL;
            }
            Py_DECREF(word);
        }
    }
    return out;
}

static PyMethodDef methods[] = {
    {"word_ends", (PyCFunction)(void (*)(void))chars_word_ends, METH_FASTCALL,
     "word_ends(text, pos, endpos, count): ends of the first runs of [a-z0-9&]"},
    {"words", (PyCFunction)(void (*)(void))chars_words, METH_FASTCALL,
     "words(text, pos, endpos, count): the first runs of [a-z0-9&] themselves"},
    {"word_matches", (PyCFunction)(void (*)(void))chars_word_matches, METH_FASTCALL,
     "word_matches(text, pos, endpos, count, spaced): the first words as Words"},
    {"letter_runs", (PyCFunction)(void (*)(void))chars_letter_runs, METH_FASTCALL,
     "letter_runs(text, least): the distinct runs of letters at least `least` long"},
    {"translate", (PyCFunction)(void (*)(void))chars_translate, METH_FASTCALL,
     "translate(text, table): each character below len(table)/2 as table's uint16 entry"},
    {"letter_case", (PyCFunction)chars_letter_case, METH_O,
     "letter_case(text): (letters, capitals) as str.isalpha and str.isupper count them"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_chars", "Per-character passes over a text, compiled.", -1, methods,
};

PyMODINIT_FUNC PyInit__chars(void) {
    if (PyType_Ready(&WordType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    Py_INCREF(&WordType);
    if (PyModule_AddObject(m, "Word", (PyObject *)&WordType) < 0) {
        Py_DECREF(&WordType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
