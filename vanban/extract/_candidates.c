/* One pass over a span marking which readers' patterns could match in it.
 *
 * The task readers scan each sentence with a dozen patterns (request verbs, lead verbs,
 * labels, duties, ...) that find nothing in most: each a full attempt of the engine at
 * every position. Every match of such a pattern holds, with its runs of spaces read as
 * one space, one of a finite set of strings read from the pattern itself (its first words,
 * `regex_gate.first_strings`). `marks` reads the span once, its spaces collapsed the same
 * way, and says (a bit a reader) which readers' strings it holds: a reader whose bit is
 * off has no match in the span and is not scanned. regex_gate.py keeps the same test in
 * Python where this was not built; tests/test_compiled_candidates.py compares the two.
 *
 * The table is a trie of the strings, a bytes object built by regex_gate.py
 * (`_table_bytes`), native-endian:
 *   uint32 nodes, uint32 edges, uint64 all (the masks' OR),
 *   uint64 mask[nodes]          (the bits of the patterns whose string ends at the node),
 *   uint32 root[128]            (the root's child by an ASCII character; 0: none),
 *   uint32 first[nodes + 1]     (each node's edges: first[n] .. first[n + 1] - 1),
 *   uint32 edge_char[edges], uint32 edge_child[edges]   (by character within a node).
 * Node 0 is the root (its edges hold every first character, ASCII or not); no edge leads
 * back to it. `check` reads a table once, when it is built; `marks` trusts it.
 *
 * `starts` serves a pattern scanned over a whole text (the request verbs over a letter,
 * a team's head words): every match of it opens with one of its strings (read from the
 * pattern, `regex_gate.opening_strings`), and the pattern is tried only where one starts,
 * not at every position. Its table holds one pattern's strings.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    uint32_t nodes, edges;
    uint64_t all;
    const uint64_t *mask;
    const uint32_t *root, *first, *edge_char, *edge_child;
} Table;

/* The table's parts, its sizes checked (`mask` NULL and an error set if they do not
 * agree; `check` reads every node and edge once, when the table is built). */
static Table read_table(PyObject *bytes) {
    Table t = {0};
    const char *raw = PyBytes_AS_STRING(bytes);
    Py_ssize_t size = PyBytes_GET_SIZE(bytes);
    uint32_t nodes = 0, edges = 0;
    if (size >= 16) {
        memcpy(&nodes, raw, 4);
        memcpy(&edges, raw + 4, 4);
    }
    Py_ssize_t root_at = 16 + 8 * (Py_ssize_t)nodes;
    Py_ssize_t whole = root_at + 4 * (128 + ((Py_ssize_t)nodes + 1) + 2 * (Py_ssize_t)edges);
    if (size < 16 || nodes < 1 || size != whole) {
        PyErr_SetString(PyExc_ValueError, "not a table of regex_gate._table_bytes");
        return t;
    }
    t.nodes = nodes;
    t.edges = edges;
    memcpy(&t.all, raw + 8, 8);
    t.mask = (const uint64_t *)(raw + 16);
    t.root = (const uint32_t *)(raw + root_at);
    t.first = t.root + 128;
    t.edge_char = t.first + nodes + 1;
    t.edge_child = t.edge_char + edges;
    return t;
}

/* check(table) -> None: ValueError unless every node's edges lie inside the table, in
 * order of their characters, each to a node other than the root, and the masks' OR is
 * `all` (what `marks` trusts). */
static PyObject *candidates_check(PyObject *module, PyObject *table) {
    if (!PyBytes_Check(table)) {
        PyErr_SetString(PyExc_TypeError, "check(bytes)");
        return NULL;
    }
    Table t = read_table(table);
    if (t.mask == NULL) return NULL;
    uint64_t all = 0;
    int ok = t.first[0] == 0 && t.first[t.nodes] == t.edges;
    for (uint32_t n = 0; ok && n < t.nodes; n++) {
        ok = t.first[n] <= t.first[n + 1];
        for (uint32_t e = t.first[n]; ok && e < t.first[n + 1]; e++)
            ok = t.edge_child[e] > 0 && t.edge_child[e] < t.nodes
                 && (e == t.first[n] || t.edge_char[e - 1] < t.edge_char[e]);
        all |= t.mask[n];
    }
    for (int c = 0; ok && c < 128; c++) ok = t.root[c] < t.nodes;
    if (!ok || all != t.all) {
        PyErr_SetString(PyExc_ValueError, "not a table of regex_gate._table_bytes");
        return NULL;
    }
    Py_RETURN_NONE;
}

/* The child of `node` by `c`, 0 if none (its edges in order of their characters). */
static inline uint32_t child(const Table *t, uint32_t node, uint32_t c) {
    for (uint32_t e = t->first[node], end = t->first[node + 1]; e < end; e++) {
        if (t->edge_char[e] >= c) return t->edge_char[e] == c ? t->edge_child[e] : 0;
    }
    return 0;
}

/* The span from `pos` to `endpos` of `text` (as `re` reads them) with each run of
 * whitespace one space, in `buf`, and where each of its characters stands in `text` in
 * `at` (when not NULL; a space stands where its run starts). Its length. */
static Py_ssize_t collapsed(PyObject *text, Py_ssize_t pos, Py_ssize_t endpos, uint32_t *buf,
                            Py_ssize_t *at) {
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t m = 0;
    int spaced = 0;
    for (Py_ssize_t i = pos; i < endpos; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISSPACE(c)) {
            if (!spaced) {
                if (at != NULL) at[m] = i;
                buf[m++] = ' ';
            }
            spaced = 1;
        } else {
            if (at != NULL) at[m] = i;
            buf[m++] = c;
            spaced = 0;
        }
    }
    return m;
}

/* The arguments (text, pos, endpos, table) both passes take, pos and endpos clipped as `re`
 * reads them. Returns 0 with an exception set where they are not such. */
static int read_span_args(PyObject *const *args, Py_ssize_t nargs, const char *usage,
                          PyObject **text, Py_ssize_t *pos, Py_ssize_t *endpos, Table *t) {
    if (nargs != 4 || !PyUnicode_Check(args[0]) || !PyBytes_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, usage);
        return 0;
    }
    *text = args[0];
    *pos = PyLong_AsSsize_t(args[1]);
    *endpos = PyLong_AsSsize_t(args[2]);
    if ((*pos == -1 || *endpos == -1) && PyErr_Occurred()) return 0;
    Py_ssize_t n = PyUnicode_GET_LENGTH(*text);
    if (*pos < 0) *pos = 0;
    if (*pos > n) *pos = n;
    if (*endpos > n) *endpos = n;
    if (*endpos < *pos) *endpos = *pos;
    *t = read_table(args[3]);
    return t->mask != NULL;
}

/* marks(text, pos, endpos, table) -> int: the OR of the masks of the table's strings
 * found in text[pos:endpos] with each run of whitespace (str.isspace) read as one space. */
static PyObject *candidates_marks(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    PyObject *text;
    Py_ssize_t pos, endpos;
    Table t;
    if (!read_span_args(args, nargs, "marks(str, int, int, bytes)", &text, &pos, &endpos, &t))
        return NULL;

    /* the span, each run of whitespace one space */
    Py_ssize_t span = endpos - pos;
    uint32_t stack[512];
    uint32_t *buf = span <= 512 ? stack : PyMem_Malloc(span * sizeof(uint32_t));
    if (buf == NULL) return PyErr_NoMemory();
    Py_ssize_t m = collapsed(text, pos, endpos, buf, NULL);

    /* the trie walked from each position as far as the span follows it */
    uint64_t out = 0;
    for (Py_ssize_t i = 0; i < m && out != t.all; i++) {
        uint32_t node = buf[i] < 128 ? t.root[buf[i]] : child(&t, 0, buf[i]);
        Py_ssize_t k = i;
        while (node != 0) {
            out |= t.mask[node];
            if (++k == m) break;
            node = child(&t, node, buf[k]);
        }
    }
    if (buf != stack) PyMem_Free(buf);
    return PyLong_FromUnsignedLongLong(out);
}

/* starts(text, pos, endpos, table) -> list: the places in text[pos:endpos], in order, where
 * one of the table's strings starts, each run of whitespace (str.isspace) read as one space
 * (where a string opens with a space: where its run starts). A pattern every match of which
 * opens with one of the strings (`regex_gate.opening_strings`) can start nowhere else. */
static PyObject *candidates_starts(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    PyObject *text;
    Py_ssize_t pos, endpos;
    Table t;
    if (!read_span_args(args, nargs, "starts(str, int, int, bytes)", &text, &pos, &endpos, &t))
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL) return NULL;
    Py_ssize_t span = endpos - pos;
    uint32_t *buf = PyMem_Malloc((span + 1) * sizeof(uint32_t));
    Py_ssize_t *at = PyMem_Malloc((span + 1) * sizeof(Py_ssize_t));
    if (buf == NULL || at == NULL) {
        PyMem_Free(buf);
        PyMem_Free(at);
        Py_DECREF(out);
        return PyErr_NoMemory();
    }
    Py_ssize_t m = collapsed(text, pos, endpos, buf, at);
    for (Py_ssize_t i = 0; i < m; i++) {
        uint32_t node = buf[i] < 128 ? t.root[buf[i]] : child(&t, 0, buf[i]);
        Py_ssize_t k = i;
        while (node != 0 && t.mask[node] == 0) {
            if (++k == m) {
                node = 0;
                break;
            }
            node = child(&t, node, buf[k]);
        }
        if (node == 0) continue;
        PyObject *place = PyLong_FromSsize_t(at[i]);
        if (place == NULL || PyList_Append(out, place) < 0) {
            Py_XDECREF(place);
            Py_CLEAR(out);
            break;
        }
        Py_DECREF(place);
    }
    PyMem_Free(buf);
    PyMem_Free(at);
    return out;
}

static PyMethodDef methods[] = {
    {"starts", (PyCFunction)(void (*)(void))candidates_starts, METH_FASTCALL,
     "starts(text, pos, endpos, table): where in the span one of the table's strings starts"},
    {"marks", (PyCFunction)(void (*)(void))candidates_marks, METH_FASTCALL,
     "marks(text, pos, endpos, table): the masks of the table's strings the span holds"},
    {"check", (PyCFunction)candidates_check, METH_O,
     "check(table): ValueError unless the table's entries and strings lie inside it"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_candidates",
    "One pass over a span marking which readers' patterns could match in it.", -1, methods,
};

PyMODINIT_FUNC PyInit__candidates(void) { return PyModule_Create(&module); }
