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

/* The name readers' words: runs of [a-z0-9&] in a folded text (any other character,
 * ASCII or not, ends one). */
static inline int name_char(Py_UCS4 c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '&';
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

/* words(text, pos, endpos, count, ends_only): the first `count` runs of [a-z0-9&] from
 * pos to endpos, as `[a-z0-9&]+`'s finditer(text, pos, endpos) finds them (a run cut
 * by pos or endpos is its part inside): their ends, or the words themselves. */
static PyObject *runs(PyObject *const *args, Py_ssize_t nargs, const char *name, int ends) {
    Py_ssize_t pos, endpos, count;
    if (run_args(args, nargs, name, &pos, &endpos, &count) < 0) return NULL;
    PyObject *text = args[0];
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *out = PyList_New(0);
    if (out == NULL) return NULL;
    Py_ssize_t i = pos;
    while (count > 0) {
        while (i < endpos && !name_char(PyUnicode_READ(kind, data, i))) i++;
        if (i >= endpos) break;
        Py_ssize_t start = i;
        while (i < endpos && name_char(PyUnicode_READ(kind, data, i))) i++;
        PyObject *item = ends ? PyLong_FromSsize_t(i) : PyUnicode_Substring(text, start, i);
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

static PyObject *chars_word_ends(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    return runs(args, nargs, "word_ends", 1);
}

static PyObject *chars_words(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    return runs(args, nargs, "words", 0);
}

static PyMethodDef methods[] = {
    {"word_ends", (PyCFunction)(void (*)(void))chars_word_ends, METH_FASTCALL,
     "word_ends(text, pos, endpos, count): ends of the first runs of [a-z0-9&]"},
    {"words", (PyCFunction)(void (*)(void))chars_words, METH_FASTCALL,
     "words(text, pos, endpos, count): the first runs of [a-z0-9&] themselves"},
    {"translate", (PyCFunction)(void (*)(void))chars_translate, METH_FASTCALL,
     "translate(text, table): each character below len(table)/2 as table's uint16 entry"},
    {"letter_case", (PyCFunction)chars_letter_case, METH_O,
     "letter_case(text): (letters, capitals) as str.isalpha and str.isupper count them"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_chars", "Per-character passes over a text, compiled.", -1, methods,
};

PyMODINIT_FUNC PyInit__chars(void) { return PyModule_Create(&module); }
