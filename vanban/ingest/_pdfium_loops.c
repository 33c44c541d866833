/* The PDF path's three loops over pdfium calls, compiled: a page's words with their
 * boxes (pdf_words.py), a page's objects (pdf.py `_objects`) and the removal of a flattened
 * page's own objects (annotations.py). Each makes one or two foreign calls per word or
 * object, thousands a page; from Python each call costs ctypes' dispatch. The functions
 * are pdfium's, taken by address from pypdfium2 (`pdfium_calls.py`), so nothing here
 * links against pdfium. And the search for a table without borders (open_tables.py
 * `_band_from`), which merges x ranges row after row from every row of every page.
 * The Python loops stay as they are where this was not built, and give the same
 * results (tests/test_pdfium_loops.py, tests/test_open_tables.py).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef int (*charbox_fn)(void *, int, double *, double *, double *, double *);
typedef void *(*get_object_fn)(void *, int);
typedef int (*get_type_fn)(void *);
typedef int (*get_bounds_fn)(void *, float *, float *, float *, float *);
typedef int (*render_mode_fn)(void *);
typedef int (*remove_fn)(void *, void *);
typedef void (*destroy_fn)(void *);

static void *address(PyObject *value) {
    return PyLong_AsVoidPtr(value);
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A line's word boxes, as pdf_words.lines boxes them: a word's box is its first letter's
 * left, top and bottom and its last letter's right (at least the left), y down from the
 * page's top; with `stretch` >= 0 and two words or more, each right edge but the last is
 * then stretched towards the next word's left, by at most `stretch` letters, to no closer
 * than a letter, the letter being the median of the words' widths per character. `box`
 * (4 doubles: left, right, bottom, top) is written by each call and read after it, as
 * the Python loop's is: a failed call leaves what the last one wrote. Python's max and
 * min are spelled out: the same answers. `boxes` holds 4 doubles a word, `widths` one. */
static void line_boxes(charbox_fn charbox, void *handle, const Py_ssize_t *starts,
                       const Py_ssize_t *ends, Py_ssize_t n, double height, double *box,
                       double stretch, double *boxes, double *widths) {
    for (Py_ssize_t i = 0; i < n; i++) {
        charbox(handle, (int)starts[i], &box[0], &box[1], &box[2], &box[3]);
        double *b = &boxes[4 * i];
        b[0] = box[0];
        b[1] = height - box[3];
        b[3] = height - box[2];
        charbox(handle, (int)(ends[i] - 1), &box[0], &box[1], &box[2], &box[3]);
        b[2] = b[0] > box[1] ? b[0] : box[1]; /* max(right, x0) */
        widths[i] = (b[2] - b[0]) / (double)(ends[i] - starts[i]);
    }
    if (stretch >= 0 && n > 1) {
        qsort(widths, n, sizeof(double), by_value);
        double width = widths[n / 2], reach = stretch * width;
        for (Py_ssize_t i = 0; i + 1 < n; i++) {
            double x1 = boxes[4 * i + 2], near = boxes[4 * (i + 1)] - width, far = x1 + reach;
            double m = far < near ? far : near; /* min(near, far) */
            boxes[4 * i + 2] = m > x1 ? m : x1; /* max(x1, ...) */
        }
    }
}

#define LINE_HYPHEN 0xFFFE

/* str.islower() or str.isupper() of text[a:b], as CPython answers them: no title-case
 * letter, no letter of the other case than the first cased one, and at least one. */
static int one_case(int kind, const void *data, Py_ssize_t a, Py_ssize_t b) {
    int upper = -1;  /* the case of the first cased letter; -1 before it */
    for (Py_ssize_t i = a; i < b; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISTITLE(c))
            return 0;
        int is_upper = Py_UNICODE_ISUPPER(c), is_lower = Py_UNICODE_ISLOWER(c);
        if (!is_upper && !is_lower)
            continue;
        if (upper == -1)
            upper = is_upper;
        else if (upper != is_upper)
            return 0;
    }
    return upper != -1;
}

/* page_words(charbox, textpage, text, height, box, stretch)
 *   -> [[(text, x0, y0, x1, y1), ...] a line, ...]
 * pdf_words.lines before its tokens are made: the page's text cut into lines (runs of
 * characters but CR, LF and U+FFFE, with the U+FFFE that ends one), each line into words
 * (runs of what is not white space), a word that ends in U+FFFE kept whole with a hyphen
 * for it, a word of mixed case cut where pdf_words._unjoined cuts it, and each line's
 * words boxed by `line_boxes`; lines without a word are left out. */
static PyObject *page_words(PyObject *self, PyObject *args) {
    PyObject *fn, *page, *text;
    double height, stretch;
    Py_buffer buf;
    if (!PyArg_ParseTuple(args, "OOUdw*d", &fn, &page, &text, &height, &buf, &stretch))
        return NULL;
    PyObject *out = NULL, *hyphen = NULL, *dash = NULL;
    Py_ssize_t *starts = NULL, *ends = NULL;
    double *boxes = NULL, *widths = NULL;
    if (buf.len < (Py_ssize_t)(4 * sizeof(double))) {
        PyErr_SetString(PyExc_ValueError, "box must hold 4 doubles");
        goto done;
    }
    charbox_fn charbox = (charbox_fn)address(fn);
    void *handle = address(page);
    if (PyErr_Occurred())
        goto done;
    double *box = (double *)buf.buf;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), room = n ? n : 1;
    /* a line holds at most one word a character */
    starts = PyMem_Malloc(sizeof(Py_ssize_t) * room);
    ends = PyMem_Malloc(sizeof(Py_ssize_t) * room);
    boxes = PyMem_Malloc(sizeof(double) * 4 * room);
    widths = PyMem_Malloc(sizeof(double) * room);
    hyphen = PyUnicode_FromOrdinal(LINE_HYPHEN);
    dash = PyUnicode_FromString("-");
    out = PyList_New(0);
    if (starts == NULL || ends == NULL || boxes == NULL || widths == NULL) {
        PyErr_NoMemory();
        Py_CLEAR(out);
    }
    if (out == NULL || hyphen == NULL || dash == NULL) {
        Py_CLEAR(out);
        goto done;
    }
    Py_ssize_t at = 0;
    while (at < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, at);
        if (c == '\r' || c == '\n' || c == LINE_HYPHEN) {
            at++;
            continue;
        }
        Py_ssize_t line_start = at;
        while (at < n) {
            c = PyUnicode_READ(kind, data, at);
            if (c == '\r' || c == '\n' || c == LINE_HYPHEN)
                break;
            at++;
        }
        if (at < n && PyUnicode_READ(kind, data, at) == LINE_HYPHEN)
            at++;
        Py_ssize_t line_end = at, count = 0;
        for (Py_ssize_t j = line_start; j < line_end;) {
            if (Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j))) {
                j++;
                continue;
            }
            Py_ssize_t w0 = j;
            while (j < line_end && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j)))
                j++;
            Py_ssize_t w1 = j;
            if (PyUnicode_READ(kind, data, w1 - 1) == LINE_HYPHEN ||
                one_case(kind, data, w0, w1)) {
                starts[count] = w0;
                ends[count++] = w1;
                continue;
            }
            /* two words the page's text joined ("thuộcThành"): pdf_words._unjoined */
            Py_ssize_t begin = w0;
            for (Py_ssize_t i = w0 + 2; i < w1 - 1; i++) {
                if (!Py_UNICODE_ISUPPER(PyUnicode_READ(kind, data, i)) ||
                    !Py_UNICODE_ISLOWER(PyUnicode_READ(kind, data, i + 1)) ||
                    !Py_UNICODE_ISLOWER(PyUnicode_READ(kind, data, i - 1)) ||
                    !Py_UNICODE_ISLOWER(PyUnicode_READ(kind, data, i - 2)))
                    continue;
                int ascii = 1;
                for (Py_ssize_t k = begin; k < i && ascii; k++)
                    ascii = PyUnicode_READ(kind, data, k) < 128;
                if (ascii)
                    continue;
                starts[count] = begin;
                ends[count++] = i;
                begin = i;
            }
            starts[count] = begin;
            ends[count++] = w1;
        }
        if (!count)
            continue;
        line_boxes(charbox, handle, starts, ends, count, height, box, stretch, boxes, widths);
        PyObject *line = PyList_New(count);
        if (line == NULL || PyList_Append(out, line) < 0) {
            Py_XDECREF(line);
            Py_CLEAR(out);
            goto done;
        }
        Py_DECREF(line);
        for (Py_ssize_t i = 0; i < count; i++) {
            PyObject *piece = PyUnicode_Substring(text, starts[i], ends[i]);
            if (piece != NULL && PyUnicode_READ(kind, data, ends[i] - 1) == LINE_HYPHEN) {
                Py_SETREF(piece, PyUnicode_Replace(piece, hyphen, dash, -1));
            }
            double *b = &boxes[4 * i];
            PyObject *item = piece == NULL ? NULL
                : Py_BuildValue("(Ndddd)", piece, b[0], b[1], b[2], b[3]);
            if (item == NULL) {
                Py_CLEAR(out);
                goto done;
            }
            PyList_SET_ITEM(line, i, item);
        }
    }
done:
    PyMem_Free(starts);
    PyMem_Free(ends);
    PyMem_Free(boxes);
    PyMem_Free(widths);
    Py_XDECREF(hyphen);
    Py_XDECREF(dash);
    PyBuffer_Release(&buf);
    return out;
}

/* page_objects(get_object, get_type, get_bounds, render_mode, page, count, height,
 *              text, path, image, form, invisible)
 * -> (images, text objects judged, invisible ones, [path boxes]): pdf.py's `_objects`. */
static PyObject *page_objects(PyObject *self, PyObject *args) {
    PyObject *get_object_a, *get_type_a, *get_bounds_a, *render_mode_a, *page;
    int count, kind_text, kind_path, kind_image, kind_form, mode_invisible;
    double height;
    if (!PyArg_ParseTuple(args, "OOOOOidiiiii", &get_object_a, &get_type_a, &get_bounds_a,
                          &render_mode_a, &page, &count, &height, &kind_text, &kind_path,
                          &kind_image, &kind_form, &mode_invisible))
        return NULL;
    get_object_fn get_object = (get_object_fn)address(get_object_a);
    get_type_fn get_type = (get_type_fn)address(get_type_a);
    get_bounds_fn get_bounds = (get_bounds_fn)address(get_bounds_a);
    render_mode_fn render_mode = (render_mode_fn)address(render_mode_a);
    void *handle = address(page);
    if (PyErr_Occurred())
        return NULL;
    PyObject *paths = PyList_New(0);
    if (paths == NULL)
        return NULL;
    long images = 0, text_objects = 0, invisible = 0;
    float left, bottom, right, top;
    for (int index = 0; index < count; index++) {
        void *obj = get_object(handle, index);
        int kind = get_type(obj);
        if (kind == kind_text) {
            if (text_objects < 50) {
                text_objects++;
                if (render_mode(obj) == mode_invisible)
                    invisible++;
            }
        } else if (kind == kind_path) {
            if (get_bounds(obj, &left, &bottom, &right, &top)) {
                PyObject *item = Py_BuildValue("(dddd)", (double)left, height - (double)top,
                                               (double)right, height - (double)bottom);
                if (item == NULL || PyList_Append(paths, item) < 0) {
                    Py_XDECREF(item);
                    Py_DECREF(paths);
                    return NULL;
                }
                Py_DECREF(item);
            }
        } else if (kind == kind_image || kind == kind_form) {
            images++;
        }
    }
    return Py_BuildValue("(lllN)", images, text_objects, invisible, paths);
}

/* remove_objects(get_object, remove, destroy, page, before): the page's objects at
 * indexes before-1 down to 0 taken out and destroyed. */
static PyObject *remove_objects(PyObject *self, PyObject *args) {
    PyObject *get_object_a, *remove_a, *destroy_a, *page;
    int before;
    if (!PyArg_ParseTuple(args, "OOOOi", &get_object_a, &remove_a, &destroy_a, &page, &before))
        return NULL;
    get_object_fn get_object = (get_object_fn)address(get_object_a);
    remove_fn remove = (remove_fn)address(remove_a);
    destroy_fn destroy = (destroy_fn)address(destroy_a);
    void *handle = address(page);
    if (PyErr_Occurred())
        return NULL;
    for (int at = before - 1; at >= 0; at--) {
        void *obj = get_object(handle, at);
        if (obj && remove(handle, obj))
            destroy(obj);
    }
    Py_RETURN_NONE;
}

/* x ranges (x0, x1 pairs, sorted, apart) of `a` and `b` merged into `out` as Python's
 * open_tables._cover merges them: in (x0, x1) order, a range that starts at or before
 * the last one's end extends it. `out` holds na + nb pairs at least; returns its pairs. */
static Py_ssize_t cover(const double *a, Py_ssize_t na, const double *b, Py_ssize_t nb,
                        double *out) {
    Py_ssize_t i = 0, j = 0, n = 0;
    while (i < na || j < nb) {
        const double *next;
        if (j >= nb || (i < na && (a[2 * i] < b[2 * j] ||
                                   (a[2 * i] == b[2 * j] && a[2 * i + 1] <= b[2 * j + 1]))))
            next = &a[2 * i++];
        else
            next = &b[2 * j++];
        if (n && next[0] <= out[2 * n - 1]) {
            if (next[1] > out[2 * n - 1])
                out[2 * n - 1] = next[1];
        } else {
            out[2 * n] = next[0];
            out[2 * n + 1] = next[1];
            n++;
        }
    }
    return n;
}

/* band_from(spans, offsets, tops, bottoms, leads, numbered, first, near, strip,
 *           min_columns, min_rows, min_numbers) -> None | (numbers, end, [column starts])
 * open_tables._band_from's search before its gutters' test, over its `_Facts` as arrays:
 * `spans` each row's covered x ranges (doubles, x0 x1 pairs), row i's from pair
 * offsets[i] to offsets[i + 1] (int64); `tops`, `bottoms` each row's (doubles); `leads`
 * its leftmost word's left and the next word's left (double pairs); `numbered` 1 where
 * the leftmost word is a row number (bytes); `near` and `strip` already in points. */
static PyObject *band_from(PyObject *self, PyObject *args) {
    Py_buffer spans_b, offsets_b, tops_b, bottoms_b, leads_b, numbered_b;
    Py_ssize_t first;
    double near, strip;
    int min_columns, min_rows, min_numbers;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*y*nddiii", &spans_b, &offsets_b, &tops_b,
                          &bottoms_b, &leads_b, &numbered_b, &first, &near, &strip,
                          &min_columns, &min_rows, &min_numbers))
        return NULL;
    PyObject *out = NULL;
    double *covered = NULL, *merged = NULL, *best_starts = NULL;
    const double *spans = spans_b.buf, *tops = tops_b.buf, *bottoms = bottoms_b.buf;
    const double *leads = leads_b.buf;
    const long long *offsets = offsets_b.buf;
    const char *numbered = numbered_b.buf;
    Py_ssize_t rows = tops_b.len / (Py_ssize_t)sizeof(double);
    Py_ssize_t pairs = spans_b.len / (Py_ssize_t)(2 * sizeof(double));
    if (offsets_b.len != (rows + 1) * (Py_ssize_t)sizeof(long long) ||
        bottoms_b.len != tops_b.len || leads_b.len != 2 * tops_b.len ||
        numbered_b.len != rows || first < 0 || offsets[rows] != pairs) {
        PyErr_SetString(PyExc_ValueError, "the rows' arrays do not fit together");
        goto done;
    }
    covered = PyMem_Malloc(sizeof(double) * 2 * (pairs ? pairs : 1));
    merged = PyMem_Malloc(sizeof(double) * 2 * (pairs ? pairs : 1));
    best_starts = PyMem_Malloc(sizeof(double) * (pairs ? pairs : 1));
    if (covered == NULL || merged == NULL || best_starts == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    double threshold = strip > 1e-6 ? strip : 1e-6; /* max(strip, 1e-6) */
    Py_ssize_t ncovered = 0, best_columns = 0, best_end = 0;
    long best_numbers = -1;
    int have_bottom = 0;
    double bottom = 0.0;
    for (Py_ssize_t index = first; index < rows; index++) {
        if (have_bottom && tops[index] - bottom > near)
            break;
        Py_ssize_t from = offsets[index], to = offsets[index + 1];
        Py_ssize_t n = cover(covered, ncovered, &spans[2 * from], to - from, merged);
        double *swap = covered;
        covered = merged;
        merged = swap;
        ncovered = n;
        /* the columns (open_tables._runs): ranges apart by `threshold` or more */
        Py_ssize_t columns = 0;
        double first_end = 0.0, run_end = 0.0;
        for (Py_ssize_t k = 0; k < ncovered; k++) {
            if (columns && covered[2 * k] - run_end < threshold) {
                run_end = covered[2 * k + 1];
            } else {
                if (columns == 1)
                    first_end = run_end;
                columns++;
                run_end = covered[2 * k + 1];
            }
        }
        if (columns == 1)
            first_end = run_end;
        if (columns < min_columns)
            break;
        bottom = bottoms[index];
        have_bottom = 1;
        if (index + 1 - first < min_rows)
            continue;
        long numbers = 0;
        for (Py_ssize_t r = first; r <= index; r++)
            if (numbered[r] && leads[2 * r] < first_end && first_end <= leads[2 * r + 1])
                numbers++;
        if (numbers >= min_numbers && numbers >= best_numbers) {
            best_numbers = numbers;
            best_end = index + 1;
            best_columns = 0;
            run_end = 0.0;
            for (Py_ssize_t k = 0; k < ncovered; k++) {
                if (best_columns && covered[2 * k] - run_end < threshold) {
                    run_end = covered[2 * k + 1];
                } else {
                    best_starts[best_columns++] = covered[2 * k];
                    run_end = covered[2 * k + 1];
                }
            }
        }
    }
    if (best_numbers < 0) {
        Py_INCREF(Py_None);
        out = Py_None;
        goto done;
    }
    PyObject *starts = PyList_New(best_columns);
    if (starts == NULL)
        goto done;
    for (Py_ssize_t k = 0; k < best_columns; k++) {
        PyObject *x = PyFloat_FromDouble(best_starts[k]);
        if (x == NULL) {
            Py_DECREF(starts);
            goto done;
        }
        PyList_SET_ITEM(starts, k, x);
    }
    out = Py_BuildValue("(lnN)", best_numbers, best_end, starts);
done:
    PyMem_Free(covered);
    PyMem_Free(merged);
    PyMem_Free(best_starts);
    PyBuffer_Release(&spans_b);
    PyBuffer_Release(&offsets_b);
    PyBuffer_Release(&tops_b);
    PyBuffer_Release(&bottoms_b);
    PyBuffer_Release(&leads_b);
    PyBuffer_Release(&numbered_b);
    return out;
}

static PyMethodDef methods[] = {
    {"page_words", page_words, METH_VARARGS, "A page's lines of words with boxes."},
    {"page_objects", page_objects, METH_VARARGS, "A page's images, invisible text, paths."},
    {"remove_objects", remove_objects, METH_VARARGS, "A page's first objects removed."},
    {"band_from", band_from, METH_VARARGS, "A run of rows laid out as a table."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_pdfium_loops", NULL, -1, methods,
};

PyMODINIT_FUNC PyInit__pdfium_loops(void) {
    return PyModule_Create(&module);
}
