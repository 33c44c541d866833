/* The name readers' words in a folded text, shared by the compiled passes that read them
 * (_chars.c: the word lists; extract/_name_steps.c: the key loop's reaches). */
#ifndef VANBAN_NAME_WORDS_H
#define VANBAN_NAME_WORDS_H

#include <Python.h>

/* The name readers' words: runs of [a-z0-9&] in a folded text (any other character,
 * ASCII or not, ends one). */
static inline int name_char(Py_UCS4 c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '&';
}

/* The next word from *i before endpos, a run of [a-z0-9&] or (`spaced`) of what
 * str.isspace calls no space: its start, *i moved to its end; -1 where none is left. */
static inline Py_ssize_t next_word(int kind, const void *data, Py_ssize_t *i,
                                   Py_ssize_t endpos, int spaced) {
#define IN_WORD(c) (spaced ? !Py_UNICODE_ISSPACE(c) : name_char(c))
    Py_ssize_t j = *i;
    while (j < endpos && !IN_WORD(PyUnicode_READ(kind, data, j))) j++;
    Py_ssize_t start = j;
    while (j < endpos && IN_WORD(PyUnicode_READ(kind, data, j))) j++;
#undef IN_WORD
    *i = j;
    return start < endpos ? start : -1;
}

#endif
