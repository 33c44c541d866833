/* The restorer's beam search, compiled: the same search as decoder.py's `_decode_python`,
 * step for step (same arithmetic, same order, same ties), over the model's n-gram tables
 * held as open-addressing hash tables of packed int64 keys.
 *
 * Python builds the beam as dicts of packed states; here the states of one position are
 * a few dozen structs, and a table lookup is a multiply and a probe instead of a dict
 * lookup on a boxed int. decoder.py uses it when it was built (pip install compiles it;
 * a machine without a C compiler runs the Python search, with the same results).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#define NONE_SCORE (-1e30)

/* A key and its value side by side (12 bytes, packed): a lookup that finds its key reads
   its value from the same cache line instead of a second array far away. */
typedef struct __attribute__((packed)) {
    int64_t key; /* -1: empty slot */
    float val;
} Slot;

typedef struct {
    Slot *slots;
    uint64_t mask;
    /* A Bloom filter of the keys, one 64-bit word a key's four bits (a blocked filter):
       12 bits a key or more, so 1-2 MB for the three tables together, which the caches
       hold. Nine lookups in ten find no key (most contexts have no trigram or bigram for
       most candidates), and the filter says so without reading the table's slot far away
       in memory. It never says no for a key that is there: the same answers. */
    uint64_t *bloom;
    uint64_t bloom_mask;
} Hash;

static inline uint64_t mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
}

/* The filter's own hash (murmur3's finaliser), apart from the table's slot. */
static inline uint64_t bloom_hash(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

/* The four bits of a key in its word (six bits of the hash each), and its word. */
static inline uint64_t bloom_bits(uint64_t h) {
    return (1ULL << (h & 63)) | (1ULL << ((h >> 6) & 63)) | (1ULL << ((h >> 12) & 63)) |
           (1ULL << ((h >> 18) & 63));
}

static inline int bloom_may_hold(const uint64_t *bloom, uint64_t mask, int64_t key) {
    uint64_t h = bloom_hash((uint64_t)key);
    uint64_t bits = bloom_bits(h);
    return (bloom[(h >> 24) & mask] & bits) == bits;
}

/* The tables' memory, in huge pages where the system gives them: the tables are tens of
   MB and every lookup lands somewhere new in them, so with 4 KiB pages most lookups also
   miss the address cache (TLB) and walk the page tables. Freed with `free`. */
#define HUGE_PAGE ((size_t)2 << 20)

static void *table_alloc(size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= HUGE_PAGE) {
        void *p = NULL;
        size_t rounded = (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
        if (posix_memalign(&p, HUGE_PAGE, rounded) != 0) return NULL;
        madvise(p, rounded, MADV_HUGEPAGE); /* advice only: without it, ordinary pages */
        return p;
    }
#endif
    return malloc(bytes);
}

static int hash_build(Hash *h, const int64_t *keys, const float *vals, Py_ssize_t n) {
    uint64_t cap = 16;
    while (cap < (uint64_t)n * 2) cap <<= 1;
    h->slots = table_alloc(cap * sizeof(Slot));
    if (h->slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memset(h->slots, 0xff, cap * sizeof(Slot));
    h->mask = cap - 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        uint64_t slot = mix((uint64_t)keys[i]) & h->mask;
        while (h->slots[slot].key != -1 && h->slots[slot].key != keys[i])
            slot = (slot + 1) & h->mask;
        h->slots[slot].key = keys[i];
        h->slots[slot].val = vals[i];
    }
    uint64_t words = 1;
    while (words * 8 < (uint64_t)n) words <<= 1; /* 8 keys a word at most: 8+ bits a key */
    h->bloom = PyMem_Calloc((size_t)words, sizeof(uint64_t));
    if (h->bloom == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    h->bloom_mask = words - 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        uint64_t b = bloom_hash((uint64_t)keys[i]);
        h->bloom[(b >> 24) & h->bloom_mask] |= bloom_bits(b);
    }
    return 0;
}

static inline int hash_get(const Hash *h, int64_t key, double *out) {
    if (!bloom_may_hold(h->bloom, h->bloom_mask, key)) return 0;
    uint64_t slot = mix((uint64_t)key) & h->mask;
    for (;;) {
        int64_t k = h->slots[slot].key;
        if (k == key) {
            *out = (double)h->slots[slot].val;
            return 1;
        }
        if (k == -1) return 0;
        slot = (slot + 1) & h->mask;
    }
}

/* Asks the memory for the slot a lookup of `key` will read first. The tables are tens of
   MB, so nearly every lookup misses the caches; asked for all together before they are
   read, a position's lookups wait for memory once rather than one after another.
   (Nothing is read or changed: the search is the same.) */
/* Asks the memory for the filter's word of `key`: read by `hash_prefetch` and `hash_get`
   after it, so a position's keys wait for the caches together too. */
static inline void bloom_prefetch(const Hash *h, int64_t key) {
#if defined(__GNUC__)
    __builtin_prefetch(&h->bloom[(bloom_hash((uint64_t)key) >> 24) & h->bloom_mask]);
#else
    (void)h;
    (void)key;
#endif
}

static inline void hash_prefetch(const Hash *h, int64_t key) {
#if defined(__GNUC__)
    if (!bloom_may_hold(h->bloom, h->bloom_mask, key)) return; /* not there: not read */
    uint64_t slot = mix((uint64_t)key) & h->mask;
    __builtin_prefetch(&h->slots[slot]);
#else
    (void)h;
    (void)key;
#endif
}

typedef struct {
    PyObject_HEAD
    int64_t size;
    double *uni;
    double *bo1;
    Hash bi, tri, bo2;
} Tables;

static void Tables_dealloc(Tables *self) {
    PyMem_Free(self->uni);
    PyMem_Free(self->bo1);
    Hash *hs[3] = {&self->bi, &self->tri, &self->bo2};
    for (int i = 0; i < 3; i++) {
        free(hs[i]->slots);
        PyMem_Free(hs[i]->bloom);
    }
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int floats_from(Py_buffer *buf, double **out, Py_ssize_t expected) {
    Py_ssize_t n = buf->len / (Py_ssize_t)sizeof(float);
    if (n != expected || buf->len % (Py_ssize_t)sizeof(float)) {
        PyErr_SetString(PyExc_ValueError, "table length does not match the vocabulary");
        return -1;
    }
    *out = PyMem_Malloc((size_t)n * sizeof(double) + 1);
    if (*out == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    const float *src = buf->buf;
    for (Py_ssize_t i = 0; i < n; i++) (*out)[i] = (double)src[i];
    return 0;
}

static int hash_from(Hash *h, Py_buffer *keys, Py_buffer *vals) {
    Py_ssize_t n = keys->len / (Py_ssize_t)sizeof(int64_t);
    if (keys->len % (Py_ssize_t)sizeof(int64_t) || vals->len != n * (Py_ssize_t)sizeof(float)) {
        PyErr_SetString(PyExc_ValueError, "keys and values differ in length");
        return -1;
    }
    return hash_build(h, keys->buf, vals->buf, n);
}

static int Tables_init(Tables *self, PyObject *args, PyObject *Py_UNUSED(kwds)) {
    long long size;
    Py_buffer uni, bo1, bik, biv, trik, triv, bo2k, bo2v;
    if (!PyArg_ParseTuple(args, "Ly*y*y*y*y*y*y*y*", &size, &uni, &bo1, &bik, &biv, &trik,
                          &triv, &bo2k, &bo2v))
        return -1;
    int rc = -1;
    self->size = size;
    if (floats_from(&uni, &self->uni, size) == 0 && floats_from(&bo1, &self->bo1, size) == 0 &&
        hash_from(&self->bi, &bik, &biv) == 0 && hash_from(&self->tri, &trik, &triv) == 0 &&
        hash_from(&self->bo2, &bo2k, &bo2v) == 0)
        rc = 0;
    Py_buffer *bufs[8] = {&uni, &bo1, &bik, &biv, &trik, &triv, &bo2k, &bo2v};
    for (int i = 0; i < 8; i++) PyBuffer_Release(bufs[i]);
    return rc;
}

/* One state of the beam, and one entry of a position's back-pointers. */
typedef struct {
    int64_t key; /* a*V + b */
    double score;
} State;

typedef struct {
    int64_t key;  /* b*V + c */
    int64_t back; /* the state it came from */
} Back;

typedef struct {
    int64_t ab;
    double score, backed;
} Seen;

typedef struct {
    int64_t b;
    int64_t plain_ab;
    double plain_score;
    Py_ssize_t first_seen, n_seen;
} Group;

#define GROW(ptr, cap, need, type)                                       \
    do {                                                                 \
        if ((need) > (cap)) {                                            \
            Py_ssize_t _c = (cap) ? (cap) : 64;                          \
            while (_c < (need)) _c *= 2;                                 \
            type *_p = PyMem_Realloc((ptr), (size_t)_c * sizeof(type));  \
            if (_p == NULL) {                                            \
                PyErr_NoMemory();                                        \
                goto fail;                                               \
            }                                                            \
            (ptr) = _p;                                                  \
            (cap) = _c;                                                  \
        }                                                                \
    } while (0)

static PyObject *Tables_decode(Tables *self, PyObject *args) {
    PyObject *positions;
    long long start;
    Py_ssize_t beam_size;
    double margin;
    if (!PyArg_ParseTuple(args, "OLnd", &positions, &start, &beam_size, &margin)) return NULL;
    PyObject *seq = PySequence_Fast(positions, "positions must be a sequence");
    if (seq == NULL) return NULL;
    const int64_t v = self->size;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);

    State *beam = NULL, *nxt = NULL;
    Py_ssize_t beam_cap = 0, nxt_cap = 0, nbeam = 0;
    Back *backs = NULL; /* all positions' entries, one after another */
    Py_ssize_t backs_cap = 0, nbacks = 0;
    Py_ssize_t *back_start = PyMem_Calloc((size_t)n + 1, sizeof(Py_ssize_t));
    int64_t *cid = NULL;
    double *cch = NULL, *column = NULL;
    Py_ssize_t cid_cap = 0, cch_cap = 0, column_cap = 0;
    Py_ssize_t *kept_at = NULL, kept_at_cap = 0; /* the states a pruning keeps, best first */
    double *columns = NULL; /* per position with rivals: its column, for the confidences */
    Py_ssize_t columns_cap = 0, ncolumns = 0;
    Py_ssize_t *column_at = PyMem_Calloc((size_t)n + 1, sizeof(Py_ssize_t));
    Group *groups = NULL;
    Seen *seen = NULL;
    Py_ssize_t groups_cap = 0, seen_cap = 0;
    Py_ssize_t *group_of = NULL;
    double *weights = NULL;
    char *has_weight = NULL;
    Py_ssize_t group_of_cap = 0, weights_cap = 0, has_weight_cap = 0;
    PyObject *out = NULL, *conf = NULL, *result = NULL;
    int64_t *best_ids = PyMem_Calloc((size_t)n + 1, sizeof(int64_t));
    if (back_start == NULL || column_at == NULL || best_ids == NULL) {
        PyErr_NoMemory();
        goto fail;
    }

    GROW(beam, beam_cap, 1, State);
    beam[0].key = start * v + start;
    beam[0].score = 0.0;
    nbeam = 1;

    for (Py_ssize_t t = 0; t < n; t++) {
        PyObject *cands = PySequence_Fast_GET_ITEM(seq, t);
        if (!PyTuple_Check(cands)) {
            PyErr_SetString(PyExc_TypeError, "candidates must be tuples");
            goto fail;
        }
        Py_ssize_t k = PyTuple_GET_SIZE(cands);
        if (k == 0) {
            PyErr_SetString(PyExc_ValueError, "a position without candidates");
            goto fail;
        }
        GROW(cid, cid_cap, k, int64_t);
        GROW(cch, cch_cap, k, double);
        GROW(column, column_cap, k, double);
        int dup = 0;
        for (Py_ssize_t j = 0; j < k; j++) {
            PyObject *pair = PyTuple_GET_ITEM(cands, j);
            if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
                PyErr_SetString(PyExc_TypeError, "a candidate is an (id, weight) pair");
                goto fail;
            }
            cid[j] = PyLong_AsLongLong(PyTuple_GET_ITEM(pair, 0));
            cch[j] = PyFloat_AsDouble(PyTuple_GET_ITEM(pair, 1));
            if (PyErr_Occurred()) goto fail;
            if (cid[j] < 0 || cid[j] >= v) {
                PyErr_SetString(PyExc_ValueError, "candidate id outside the vocabulary");
                goto fail;
            }
            column[j] = NONE_SCORE;
            for (Py_ssize_t i = 0; i < j && !dup; i++) dup = cid[i] == cid[j];
        }

        /* Group the beam by its last syllable, in order of first appearance. */
        Py_ssize_t ngroups = 0;
        GROW(groups, groups_cap, nbeam, Group);
        GROW(seen, seen_cap, nbeam, Seen);
        /* Each group's seen states, in beam order: two passes, counting then filling. */
        GROW(group_of, group_of_cap, nbeam, Py_ssize_t);
        GROW(weights, weights_cap, nbeam, double);
        GROW(has_weight, has_weight_cap, nbeam, char);
        for (Py_ssize_t s = 0; s < nbeam; s++) bloom_prefetch(&self->bo2, beam[s].key);
        for (Py_ssize_t s = 0; s < nbeam; s++) hash_prefetch(&self->bo2, beam[s].key);
        for (Py_ssize_t s = 0; s < nbeam; s++) {
            int64_t ab = beam[s].key;
            int64_t b = ab % v;
            Py_ssize_t g = 0;
            while (g < ngroups && groups[g].b != b) g++;
            if (g == ngroups) {
                groups[g].b = b;
                groups[g].plain_ab = -1;
                groups[g].plain_score = NONE_SCORE;
                groups[g].n_seen = 0;
                ngroups++;
            }
            group_of[s] = g;
            double w = 0.0;
            has_weight[s] = (char)hash_get(&self->bo2, ab, &w);
            weights[s] = w;
            if (!has_weight[s]) {
                if (beam[s].score > groups[g].plain_score) {
                    groups[g].plain_ab = ab;
                    groups[g].plain_score = beam[s].score;
                }
            } else {
                groups[g].n_seen++;
            }
        }
        for (Py_ssize_t g = 0, at = 0; g < ngroups; g++) {
            groups[g].first_seen = at;
            at += groups[g].n_seen;
            groups[g].n_seen = 0;
        }
        for (Py_ssize_t s = 0; s < nbeam; s++) {
            if (!has_weight[s]) continue;
            Group *grp = &groups[group_of[s]];
            Seen *e = &seen[grp->first_seen + grp->n_seen++];
            e->ab = beam[s].key;
            e->score = beam[s].score;
            e->backed = beam[s].score + weights[s];
        }

        for (Py_ssize_t g = 0; g < ngroups; g++) {
            int64_t bv = groups[g].b * v;
            for (Py_ssize_t j = 0; j < k; j++) bloom_prefetch(&self->bi, bv + cid[j]);
            for (Py_ssize_t s = 0; s < groups[g].n_seen; s++) {
                int64_t abv = seen[groups[g].first_seen + s].ab * v;
                for (Py_ssize_t j = 0; j < k; j++) bloom_prefetch(&self->tri, abv + cid[j]);
            }
        }
        for (Py_ssize_t g = 0; g < ngroups; g++) {
            int64_t bv = groups[g].b * v;
            for (Py_ssize_t j = 0; j < k; j++) hash_prefetch(&self->bi, bv + cid[j]);
            for (Py_ssize_t s = 0; s < groups[g].n_seen; s++) {
                int64_t abv = seen[groups[g].first_seen + s].ab * v;
                for (Py_ssize_t j = 0; j < k; j++) hash_prefetch(&self->tri, abv + cid[j]);
            }
        }

        Py_ssize_t nnxt = 0;
        GROW(nxt, nxt_cap, ngroups * k, State);
        GROW(backs, backs_cap, nbacks + ngroups * k, Back);
        back_start[t] = nbacks;
        for (Py_ssize_t g = 0; g < ngroups; g++) {
            Group *grp = &groups[g];
            int64_t bv = grp->b * v;
            double back1 = self->bo1[grp->b];
            for (Py_ssize_t j = 0; j < k; j++) {
                int64_t c = cid[j];
                double channel = cch[j];
                double lp2;
                if (!hash_get(&self->bi, bv + c, &lp2)) lp2 = back1 + self->uni[c];
                lp2 = lp2 + channel;
                double best = grp->plain_score + lp2;
                int64_t arg = grp->plain_ab;
                for (Py_ssize_t s = 0; s < grp->n_seen; s++) {
                    Seen *e = &seen[grp->first_seen + s];
                    double lp, total;
                    if (hash_get(&self->tri, e->ab * v + c, &lp))
                        total = e->score + channel + lp;
                    else
                        total = e->backed + lp2;
                    if (total > best) {
                        best = total;
                        arg = e->ab;
                    }
                }
                int64_t key = bv + c;
                Py_ssize_t at = nnxt;
                if (dup) { /* a dict keeps one entry per key, in its first place */
                    for (Py_ssize_t i = 0; i < nnxt; i++)
                        if (nxt[i].key == key) {
                            at = i;
                            break;
                        }
                }
                nxt[at].key = key;
                nxt[at].score = best;
                backs[back_start[t] + at].key = key;
                backs[back_start[t] + at].back = arg;
                if (at == nnxt) nnxt++;
                if (best > column[j]) column[j] = best;
            }
        }
        nbacks = back_start[t] + nnxt;
        back_start[t + 1] = nbacks;

        if (k > 1) {
            GROW(columns, columns_cap, ncolumns + k, double);
            column_at[t] = ncolumns;
            memcpy(columns + ncolumns, column, (size_t)k * sizeof(double));
            ncolumns += k;
        } else {
            column_at[t] = -1;
        }

        /* Prune: within `margin` of the best, then the best `beam_size`. */
        GROW(beam, beam_cap, nnxt, State);
        if (nnxt > 1) {
            /* the best state kept, not the best column: a candidate given twice keeps only
               its last entry, which need not be its best */
            double top = nxt[0].score;
            for (Py_ssize_t i = 1; i < nnxt; i++)
                if (nxt[i].score > top) top = nxt[i].score;
            double floor = top - margin;
            nbeam = 0;
            for (Py_ssize_t i = 0; i < nnxt; i++)
                if (nxt[i].score >= floor) beam[nbeam++] = nxt[i];
            if (nbeam > beam_size) {
                /* The first `beam_size` of the states sorted by score, the earlier first
                   among equals (a stable sort's order), picked by insertion: most states
                   fall below the last kept and cost one comparison. */
                GROW(kept_at, kept_at_cap, beam_size, Py_ssize_t);
                Py_ssize_t m = 0;
                for (Py_ssize_t i = 0; i < nbeam; i++) {
                    double score = beam[i].score;
                    if (m == beam_size && !(score > beam[kept_at[m - 1]].score)) continue;
                    Py_ssize_t at = m < beam_size ? m : beam_size - 1;
                    while (at > 0 && beam[kept_at[at - 1]].score < score) {
                        kept_at[at] = kept_at[at - 1];
                        at--;
                    }
                    kept_at[at] = i;
                    if (m < beam_size) m++;
                }
                State *kept = nxt; /* reuse: nxt is rebuilt next position */
                for (Py_ssize_t i = 0; i < beam_size; i++) kept[i] = beam[kept_at[i]];
                memcpy(beam, kept, (size_t)beam_size * sizeof(State));
                nbeam = beam_size;
            }
        } else {
            memcpy(beam, nxt, (size_t)nnxt * sizeof(State));
            nbeam = nnxt;
        }
    }

    /* The best final state (the first of equals), then back along the pointers. */
    if (nbeam == 0) {
        PyErr_SetString(PyExc_RuntimeError, "beam search lost every state");
        goto fail;
    }
    {
        int64_t key = beam[0].key;
        double top = beam[0].score;
        for (Py_ssize_t i = 1; i < nbeam; i++)
            if (beam[i].score > top) {
                top = beam[i].score;
                key = beam[i].key;
            }
        for (Py_ssize_t t = n - 1; t >= 0; t--) {
            best_ids[t] = key % v;
            Py_ssize_t lo = back_start[t], hi = back_start[t + 1], i = lo;
            while (i < hi && backs[i].key != key) i++;
            if (i == hi) {
                PyErr_SetString(PyExc_RuntimeError, "beam search lost its back-pointer");
                goto fail;
            }
            key = backs[i].back;
        }
    }

    out = PyList_New(n);
    conf = PyList_New(n);
    if (out == NULL || conf == NULL) goto fail;
    for (Py_ssize_t t = 0; t < n; t++) {
        PyObject *id = PyLong_FromLongLong(best_ids[t]);
        if (id == NULL) goto fail;
        PyList_SET_ITEM(out, t, id);
        double c = 1.0;
        if (column_at[t] >= 0) {
            PyObject *cands = PySequence_Fast_GET_ITEM(seq, t);
            Py_ssize_t k = PyTuple_GET_SIZE(cands);
            const double *col = columns + column_at[t];
            double top = col[0];
            for (Py_ssize_t j = 1; j < k; j++)
                if (col[j] > top) top = col[j];
            double total = 0.0, chosen = 0.0;
            for (Py_ssize_t j = 0; j < k; j++) {
                double p = exp(col[j] - top);
                total += p;
                PyObject *pair = PyTuple_GET_ITEM(cands, j);
                if (PyLong_AsLongLong(PyTuple_GET_ITEM(pair, 0)) == best_ids[t]) chosen = p;
            }
            c = chosen / total;
        }
        PyObject *f = PyFloat_FromDouble(c);
        if (f == NULL) goto fail;
        PyList_SET_ITEM(conf, t, f);
    }
    result = PyTuple_Pack(2, out, conf);

fail:
    Py_XDECREF(out);
    Py_XDECREF(conf);
    Py_DECREF(seq);
    PyMem_Free(beam);
    PyMem_Free(nxt);
    PyMem_Free(backs);
    PyMem_Free(back_start);
    PyMem_Free(cid);
    PyMem_Free(cch);
    PyMem_Free(column);
    PyMem_Free(kept_at);
    PyMem_Free(columns);
    PyMem_Free(column_at);
    PyMem_Free(groups);
    PyMem_Free(seen);
    PyMem_Free(best_ids);
    PyMem_Free(group_of);
    PyMem_Free(weights);
    PyMem_Free(has_weight);
    return result;
}

static PyMethodDef Tables_methods[] = {
    {"decode", (PyCFunction)Tables_decode, METH_VARARGS,
     "decode(positions, start, beam, margin) -> (best ids, confidences)"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject TablesType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "vanban.normalize._beam.Tables",
    .tp_basicsize = sizeof(Tables),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Tables(size, uni, bo1, bi_keys, bi_vals, tri_keys, tri_vals, bo2_keys, bo2_vals)",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Tables_init,
    .tp_dealloc = (destructor)Tables_dealloc,
    .tp_methods = Tables_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_beam", "The restorer's beam search, compiled.", -1, NULL,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__beam(void) {
    if (PyType_Ready(&TablesType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    Py_INCREF(&TablesType);
    if (PyModule_AddObject(m, "Tables", (PyObject *)&TablesType) < 0) {
        Py_DECREF(&TablesType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
