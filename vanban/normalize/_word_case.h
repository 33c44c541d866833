/* Letter case of a whole word, shared by the restorer's compiled steps (_favour.c,
 * _words.c): the same answers as Python's str methods. */
#ifndef VANBAN_WORD_CASE_H
#define VANBAN_WORD_CASE_H

#include <Python.h>

/* str.isupper() of a whole word: no lower or title case letter, and a cased one. */
static inline int word_isupper(PyObject *word) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(word);
    int kind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(word);
    int cased = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISLOWER(ch) || Py_UNICODE_ISTITLE(ch)) return 0;
        if (!cased && Py_UNICODE_ISUPPER(ch)) cased = 1;
    }
    return cased;
}

#endif
