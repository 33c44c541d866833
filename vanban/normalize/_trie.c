/* The search for a garbled token's readings, compiled: candidates.py's `_search_python`
 * walk, step for step, over the syllable trie flattened into arrays (candidates.py
 * builds and flattens it; this file only walks it). The result is the same set of
 * (syllable id, cost) pairs: the cheapest cost of each syllable the walk reaches.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    Py_ssize_t n_nodes, n_edges, n_ids;
    int32_t *first;      /* per node: its first edge */
    int32_t *count;      /* per node: its number of edges */
    int32_t *end;        /* per node: id of the syllable ending there, or -1 */
    uint64_t *mask;      /* per node: bit k set when a syllable ends k letters below */
    uint32_t *letter;    /* per edge */
    int32_t *child;      /* per edge */
    uint8_t *insertable; /* per edge: its letter may be inserted */
    int32_t *rank;       /* per id: its place among equal costs (commoner first) */
    double *best;        /* per id, 99.0 between searches */
    int32_t *touched;
    Py_ssize_t n_touched;
    uint32_t *alphabet;  /* the edges' letters, sorted, each once */
    Py_ssize_t n_alpha;
    int32_t *dense;      /* per edge: its letter's place in `alphabet` */
} Trie;

typedef struct {
    int width;
    Py_ssize_t n;
    const uint32_t *letters;
    const double *costs;
} Slot;

typedef struct {
    Trie *trie;
    Py_ssize_t n;
    Slot *slots;          /* all slots, grouped by position */
    Py_ssize_t *slot_at;  /* per position: its first slot; slot_at[n] the end */
    double *table;        /* per slot, per letter of the alphabet: its cost, or UNREAD */
    Py_ssize_t *wide_from; /* per position: the positions from there a wide slot starts at */
    int max_width;         /* the widest slot's width */
    double cheapest_wide;  /* the cheapest reading of a wide slot (its own, not `wide_cost`) */
    double max_cost, delete_cost, insert_cost, wide_cost;
} Walk;

/* A slot's cost for a letter it does not read: no sum with it passes any max_cost. */
#define UNREAD 1e300

static void Trie_dealloc(Trie *self) {
    PyMem_Free(self->first);
    PyMem_Free(self->count);
    PyMem_Free(self->end);
    PyMem_Free(self->mask);
    PyMem_Free(self->letter);
    PyMem_Free(self->child);
    PyMem_Free(self->insertable);
    PyMem_Free(self->best);
    PyMem_Free(self->touched);
    PyMem_Free(self->rank);
    PyMem_Free(self->alphabet);
    PyMem_Free(self->dense);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static void *copy_buffer(Py_buffer *buf, Py_ssize_t item, Py_ssize_t *count) {
    if (buf->len % item) {
        PyErr_SetString(PyExc_ValueError, "array length is not a whole number of items");
        return NULL;
    }
    *count = buf->len / item;
    void *out = PyMem_Malloc((size_t)buf->len + 1);
    if (out == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    memcpy(out, buf->buf, (size_t)buf->len);
    return out;
}

static int by_code_point(const void *x, const void *y) {
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* The place of `letter` in the sorted `alphabet`, or -1. */
static Py_ssize_t place_of(const uint32_t *alphabet, Py_ssize_t n, uint32_t letter) {
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (alphabet[mid] < letter) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && alphabet[lo] == letter ? lo : -1;
}

/* The edges' letters as places in a sorted alphabet (`Trie.dense`): the walk reads a
   slot's cost for an edge from a table instead of looking for each of the slot's letters
   among a node's edges. 0, or -1 with an error set. */
static int make_alphabet(Trie *self) {
    Py_ssize_t n = self->n_edges;
    self->alphabet = PyMem_Malloc((size_t)n * sizeof(uint32_t) + 1);
    self->dense = PyMem_Malloc((size_t)n * sizeof(int32_t) + 1);
    if (self->alphabet == NULL || self->dense == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memcpy(self->alphabet, self->letter, (size_t)n * sizeof(uint32_t));
    qsort(self->alphabet, (size_t)n, sizeof(uint32_t), by_code_point);
    Py_ssize_t k = 0;
    for (Py_ssize_t i = 0; i < n; i++)
        if (k == 0 || self->alphabet[k - 1] != self->alphabet[i]) self->alphabet[k++] = self->alphabet[i];
    self->n_alpha = k;
    for (Py_ssize_t e = 0; e < n; e++)
        self->dense[e] = (int32_t)place_of(self->alphabet, k, self->letter[e]);
    return 0;
}

static int Trie_init(Trie *self, PyObject *args, PyObject *Py_UNUSED(kwds)) {
    Py_buffer first, count, end, mask, letter, child, insertable, rank;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*y*y*y*", &first, &count, &end, &mask, &letter, &child,
                          &insertable, &rank))
        return -1;
    int rc = -1;
    Py_ssize_t a, b, c, d, e, f, g, n_ids = 0;
    self->first = copy_buffer(&first, 4, &a);
    self->count = self->first ? copy_buffer(&count, 4, &b) : NULL;
    self->end = self->count ? copy_buffer(&end, 4, &c) : NULL;
    self->mask = self->end ? copy_buffer(&mask, 8, &d) : NULL;
    self->letter = self->mask ? copy_buffer(&letter, 4, &e) : NULL;
    self->child = self->letter ? copy_buffer(&child, 4, &f) : NULL;
    self->insertable = self->child ? copy_buffer(&insertable, 1, &g) : NULL;
    self->rank = self->insertable ? copy_buffer(&rank, 4, &n_ids) : NULL;
    if (self->rank != NULL) {
        if (a != b || a != c || a != d || e != f || e != g || a == 0) {
            PyErr_SetString(PyExc_ValueError, "trie arrays differ in length");
        } else {
            self->n_nodes = a;
            self->n_edges = e;
            self->n_ids = n_ids;
            self->best = PyMem_Malloc((size_t)n_ids * sizeof(double) + 1);
            self->touched = PyMem_Malloc((size_t)n_ids * sizeof(int32_t) + 1);
            if (self->best == NULL || self->touched == NULL) {
                PyErr_NoMemory();
            } else {
                for (Py_ssize_t i = 0; i < n_ids; i++) self->best[i] = 99.0;
                rc = 0;
                for (Py_ssize_t i = 0; i < a && rc == 0; i++) {
                    int32_t lo = self->first[i], k = self->count[i];
                    if (lo < 0 || k < 0 || lo + k > e || self->end[i] >= n_ids) rc = -1;
                    if (self->end[i] >= 0 && self->rank[self->end[i]] < 0) rc = -1;
                }
                for (Py_ssize_t i = 0; i < e && rc == 0; i++)
                    if (self->child[i] < 0 || self->child[i] >= a) rc = -1;
                if (rc) PyErr_SetString(PyExc_ValueError, "trie arrays point outside themselves");
                if (rc == 0) rc = make_alphabet(self);
            }
        }
    }
    Py_buffer *bufs[8] = {&first, &count, &end, &mask, &letter, &child, &insertable, &rank};
    for (int i = 0; i < 8; i++) PyBuffer_Release(bufs[i]);
    return rc;
}

/* Whether a syllable may end below `node` at a depth the walk from position `i` at `cost`
   can reach: each written character left is read as a letter, or as part of a wide slot's
   one letter, or deleted, and one letter may be inserted. Wide slots and deletions are
   counted at most as the budget left pays for (each at its cheapest, a hair of slack for
   rounding) and wide slots at most as many as start from `i` on: a bound, never a
   reading, so a branch it cuts reaches no syllable. */
static int may_end_below(const Walk *w, Py_ssize_t i, int32_t node, double cost, int inserted) {
    double spare = w->max_cost - cost + 1e-9;
    if (spare < 0) spare = 0;
    long long deleted = (long long)(spare / w->delete_cost);
    long long wide = w->wide_from[i];
    if (w->cheapest_wide > 0 && (double)wide * w->cheapest_wide > spare)
        wide = (long long)(spare / w->cheapest_wide);
    long long rest = (long long)(w->n - i);
    long long low = rest - deleted - wide * (w->max_width - 1);
    long long high = rest + (inserted ? 0 : 1);
    if (low < 0) low = 0;
    if (high > 63) return 1;
    uint64_t fits = (((uint64_t)1 << (high + 1)) - 1) & ~(((uint64_t)1 << low) - 1);
    return (w->trie->mask[node] & fits) != 0;
}

static void walk(Walk *w, Py_ssize_t i, int32_t node, double cost, int inserted) {
    Trie *t = w->trie;
    if (i < w->n && !may_end_below(w, i, node, cost, inserted)) return;
    if (i == w->n) {
        int32_t id = t->end[node];
        if (id >= 0 && cost < t->best[id]) {
            if (t->best[id] == 99.0) t->touched[t->n_touched++] = id;
            t->best[id] = cost;
        }
    } else {
        /* each edge the slot reads, at its cost: the steps of each of the slot's letters
           found among the node's edges, taken in the edges' order */
        int32_t lo = t->first[node], hi = lo + t->count[node];
        for (Py_ssize_t s = w->slot_at[i]; s < w->slot_at[i + 1]; s++) {
            const double *costs = w->table + s * t->n_alpha;
            int width = w->slots[s].width;
            for (int32_t e = lo; e < hi; e++) {
                double step = costs[t->dense[e]];
                if (step == UNREAD) continue;
                double next = cost + step;
                if (next <= w->max_cost) walk(w, i + width, t->child[e], next, inserted);
            }
        }
        if (i > 0 && cost + w->delete_cost <= w->max_cost)
            walk(w, i + 1, node, cost + w->delete_cost, inserted);
    }
    if (!inserted && cost + w->insert_cost <= w->max_cost) {
        /* What is left after the insertion must still fit a syllable ending: with `spare`
           left, at most `slack` written characters can go unread. */
        double spare = w->max_cost - cost - w->insert_cost;
        long long slack = (long long)(spare / w->delete_cost) + (long long)(spare / w->wide_cost);
        long long rest = (long long)(w->n - i);
        long long low = rest - slack > 0 ? rest - slack : 0;
        uint64_t fits = (rest + 1 < 64 ? ((uint64_t)1 << (rest + 1)) : 0) - ((uint64_t)1 << low);
        int32_t lo = t->first[node], hi = lo + t->count[node];
        for (int32_t e = lo; e < hi; e++) {
            int32_t c = t->child[e];
            if (t->insertable[e] && (t->mask[c] & fits))
                walk(w, i, c, cost + w->insert_cost, 1);
        }
    }
}

static const Trie *sorting; /* the trie whose ids `by_cost` compares (the GIL is held) */

static int by_cost(const void *x, const void *y) {
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    double ca = sorting->best[a], cb = sorting->best[b];
    if (ca != cb) return ca < cb ? -1 : 1;
    return (sorting->rank[a] > sorting->rank[b]) - (sorting->rank[a] < sorting->rank[b]);
}

/* search(slots, max_cost, delete_cost, insert_cost, wide_cost, keep) -> ((id, cost), ...)
 * `slots`: per written character, a tuple of (width, letters, costs): the confusions
 * that read `width` characters from there as one of `letters` (code points, an array of
 * uint32 as bytes) at the matching `costs` (doubles as bytes). The `keep` cheapest come
 * back, cheapest first; among equal costs, by the rank given at construction. */
static PyObject *Trie_search(Trie *self, PyObject *args) {
    PyObject *slots_obj;
    Walk w;
    Py_ssize_t keep;
    if (!PyArg_ParseTuple(args, "Oddddn", &slots_obj, &w.max_cost, &w.delete_cost,
                          &w.insert_cost, &w.wide_cost, &keep))
        return NULL;
    if (w.delete_cost <= 0 || w.wide_cost <= 0) {
        PyErr_SetString(PyExc_ValueError, "costs must be positive");
        return NULL;
    }
    PyObject *seq = PySequence_Fast(slots_obj, "slots must be a sequence");
    if (seq == NULL) return NULL;
    w.trie = self;
    w.n = PySequence_Fast_GET_SIZE(seq);
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < w.n; i++) {
        PyObject *at = PySequence_Fast_GET_ITEM(seq, i);
        if (!PyTuple_Check(at)) {
            Py_DECREF(seq);
            PyErr_SetString(PyExc_TypeError, "each position's slots are a tuple");
            return NULL;
        }
        total += PyTuple_GET_SIZE(at);
    }
    w.slots = PyMem_Malloc((size_t)total * sizeof(Slot) + 1);
    w.slot_at = PyMem_Malloc((size_t)(w.n + 1) * sizeof(Py_ssize_t));
    PyObject *result = NULL;
    w.table = NULL;
    w.wide_from = NULL;
    if (w.slots == NULL || w.slot_at == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t k = 0;
    for (Py_ssize_t i = 0; i < w.n; i++) {
        PyObject *at = PySequence_Fast_GET_ITEM(seq, i);
        w.slot_at[i] = k;
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(at); j++) {
            PyObject *slot = PyTuple_GET_ITEM(at, j);
            if (!PyTuple_Check(slot) || PyTuple_GET_SIZE(slot) != 3 ||
                !PyBytes_Check(PyTuple_GET_ITEM(slot, 1)) ||
                !PyBytes_Check(PyTuple_GET_ITEM(slot, 2))) {
                PyErr_SetString(PyExc_TypeError, "a slot is (width, letters, costs)");
                goto done;
            }
            long width = PyLong_AsLong(PyTuple_GET_ITEM(slot, 0));
            if (width < 1 || width > w.n - i) {
                if (!PyErr_Occurred())
                    PyErr_SetString(PyExc_ValueError, "a slot reads past the token");
                goto done;
            }
            PyObject *letters = PyTuple_GET_ITEM(slot, 1), *costs = PyTuple_GET_ITEM(slot, 2);
            Py_ssize_t n = PyBytes_GET_SIZE(letters) / 4;
            if (PyBytes_GET_SIZE(letters) != 4 * n || PyBytes_GET_SIZE(costs) != 8 * n) {
                PyErr_SetString(PyExc_ValueError, "letters and costs differ in length");
                goto done;
            }
            w.slots[k].width = (int)width;
            w.slots[k].n = n;
            w.slots[k].letters = (const uint32_t *)PyBytes_AS_STRING(letters);
            w.slots[k].costs = (const double *)PyBytes_AS_STRING(costs);
            k++;
        }
    }
    w.slot_at[w.n] = k;
    w.wide_from = PyMem_Malloc((size_t)(w.n + 1) * sizeof(Py_ssize_t));
    if (w.wide_from == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    w.max_width = 1;
    w.cheapest_wide = -1;
    w.wide_from[w.n] = 0;
    for (Py_ssize_t i = w.n - 1; i >= 0; i--) {
        int wide = 0;
        for (Py_ssize_t s = w.slot_at[i]; s < w.slot_at[i + 1]; s++) {
            if (w.slots[s].width < 2) continue;
            wide = 1;
            if (w.slots[s].width > w.max_width) w.max_width = w.slots[s].width;
            for (Py_ssize_t j = 0; j < w.slots[s].n; j++)
                if (w.cheapest_wide < 0 || w.slots[s].costs[j] < w.cheapest_wide)
                    w.cheapest_wide = w.slots[s].costs[j];
        }
        w.wide_from[i] = w.wide_from[i + 1] + wide;
    }
    /* each slot's costs by letter of the alphabet (a letter no edge has is never read) */
    w.table = PyMem_Malloc((size_t)(k * self->n_alpha) * sizeof(double) + 1);
    if (w.table == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t j = 0; j < k * self->n_alpha; j++) w.table[j] = UNREAD;
    for (Py_ssize_t s = 0; s < k; s++) {
        double *costs = w.table + s * self->n_alpha;
        for (Py_ssize_t j = 0; j < w.slots[s].n; j++) {
            Py_ssize_t at = place_of(self->alphabet, self->n_alpha, w.slots[s].letters[j]);
            if (at >= 0 && w.slots[s].costs[j] < costs[at]) costs[at] = w.slots[s].costs[j];
        }
    }
    self->n_touched = 0;
    walk(&w, 0, 0, 0.0, 0);
    sorting = self;
    qsort(self->touched, (size_t)self->n_touched, sizeof(int32_t), by_cost);
    if (keep < 0) keep = 0;
    if (keep > self->n_touched) keep = self->n_touched;
    /* The scratch arrays are cleared before any Python object is made: making one may run
       Python code (a collection's finalizers), and with it another thread's search. */
    int32_t *ids = PyMem_Malloc((size_t)keep * sizeof(int32_t) + 1);
    double *found = PyMem_Malloc((size_t)keep * sizeof(double) + 1);
    for (Py_ssize_t i = 0; i < self->n_touched; i++) {
        int32_t id = self->touched[i];
        if (i < keep && ids != NULL && found != NULL) {
            ids[i] = id;
            found[i] = self->best[id];
        }
        self->best[id] = 99.0;
    }
    self->n_touched = 0;
    if (ids == NULL || found == NULL) {
        PyErr_NoMemory();
    } else {
        /* a tuple of (id, cost) pairs, none of them tracked by the collector: they hold
           numbers only (as the collector itself would find at its first pass), and the
           candidate memos keep tens of thousands of them, which each pass walked */
        result = PyTuple_New(keep);
        for (Py_ssize_t i = 0; i < keep && result != NULL; i++) {
            PyObject *pair = Py_BuildValue("(id)", ids[i], found[i]);
            if (pair == NULL) {
                Py_CLEAR(result);
            } else {
                if (PyObject_GC_IsTracked(pair)) PyObject_GC_UnTrack(pair);
                PyTuple_SET_ITEM(result, i, pair);
            }
        }
        if (result != NULL && PyObject_GC_IsTracked(result)) PyObject_GC_UnTrack(result);
    }
    PyMem_Free(ids);
    PyMem_Free(found);
done:
    Py_DECREF(seq);
    PyMem_Free(w.slots);
    PyMem_Free(w.slot_at);
    PyMem_Free(w.table);
    PyMem_Free(w.wide_from);
    return result;
}

static PyMethodDef Trie_methods[] = {
    {"search", (PyCFunction)Trie_search, METH_VARARGS,
     "search(slots, max_cost, delete_cost, insert_cost, wide_cost, keep) -> ((id, cost), ...)"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject TrieType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "vanban.normalize._trie.Trie",
    .tp_basicsize = sizeof(Trie),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Trie(first, count, end, mask, letter, child, insertable, rank)",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Trie_init,
    .tp_dealloc = (destructor)Trie_dealloc,
    .tp_methods = Trie_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_trie", "The garbled-token search, compiled.", -1, NULL,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__trie(void) {
    if (PyType_Ready(&TrieType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    Py_INCREF(&TrieType);
    if (PyModule_AddObject(m, "Trie", (PyObject *)&TrieType) < 0) {
        Py_DECREF(&TrieType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
