/* util: the small things every stage needs, written once.
 *
 *   util_grow       the one growable array: any element type, capacity doubling;
 *   util_read_file  the one whole-file reader: a regular file, up to a stated size (and
 *                   util_read_inside for one inside a folder, no links);
 *   UTIL_LIST_*     the one list: doubly linked through uint32 indices stored in the elements
 *                   (families, cases and workers refer to each other by index, not pointer, so
 *                   their arrays can grow and move).
 * Nothing here keeps state; memory handed out belongs to the caller. */
#ifndef CASELOAD_UTIL_H
#define CASELOAD_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Make room for `need` elements of `elem` bytes in *a (capacity *cap, in elements): doubles from
 * at least `min` until it fits, so a sequence of pushes costs O(1) each. The array may move.
 * Returns 0, or -1 when out of memory (the array and *cap unchanged). */
int util_grow(void **a, size_t *cap, size_t need, size_t elem, size_t min);

/* Double a ring buffer of *cap elements (at least `min`) whose `len` elements start at *head,
 * laying them out from index 0 (*head becomes 0). A power-of-two capacity stays one. Returns 0, or
 * -1 when out of memory (nothing changed). */
int util_ring_grow(void **a, size_t *cap, size_t *head, size_t len, size_t elem, size_t min);

/* Append x to the array (T *a, size_t n, size_t cap): 0, or -1 when out of memory. */
#define UTIL_PUSH(a, n, cap, x)                                                                  \
    (((n) < (cap) || !util_grow((void **)&(a), &(cap), (n) + 1, sizeof *(a), 16))                \
         ? ((a)[(n)++] = (x), 0)                                                                 \
         : -1)

/* Errors of util_read_file. */
enum util_file_status {
    UTIL_OK = 0,
    UTIL_ENOENT = -1,  /* no such file (or a path through a missing folder) */
    UTIL_ENOTREG = -2, /* not a regular file (a folder, a FIFO, a device) */
    UTIL_ETOOBIG = -3, /* larger than max_bytes */
    UTIL_EIO = -4,     /* cannot open or read it, or out of memory */
    UTIL_ELINK = -5,   /* util_*_inside: a symbolic link on the way, or a name leaving the folder */
};

/* Read the whole of the regular file at path, at most max_bytes, into a new NUL-terminated buffer
 * (*text, *len; the caller frees it). A file that is not regular is refused before it is opened
 * for reading, so a FIFO cannot hang the reader. On error *text is NULL and err holds one line
 * that starts with the path. */
int util_read_file(const char *path, size_t max_bytes, char **text, size_t *len, char *err,
                   size_t errlen);

/* The same reader for a file inside a folder someone else may have written (a results folder
 * for `plot`): rel, below dir, may not be absolute, hold "." or ".." or a control character, and
 * no component may be a symbolic link (so nothing outside dir is read: UTIL_ELINK); then as
 * util_read_file. dir itself may be reached through a link. Messages start with "dir/rel: " and
 * never hold the file's contents. */
int util_read_inside(const char *dir, const char *rel, size_t max_bytes, char **text,
                     size_t *len, char *err, size_t errlen);
/* The same checks, then an open descriptor (the caller closes it) and the size, for reading in
 * pieces (hashing a file larger than memory). */
int util_open_inside(const char *dir, const char *rel, size_t max_bytes, int *fd, size_t *size,
                     char *err, size_t errlen);
/* 1 if rel is a name util_*_inside accept, else 0. */
int util_name_inside(const char *rel);

/* The list. An element carries uint32 `prev` and `next` fields (names given to each macro);
 * UTIL_NONE ends the list. base is the element array, head (and tail, where kept) name lvalues. */
#define UTIL_NONE UINT32_MAX

/* Put x first in the list at head (no tail). */
#define UTIL_LIST_PUSH_FRONT(base, head, x, prev, next)                                          \
    do {                                                                                         \
        (base)[x].prev = UTIL_NONE;                                                              \
        (base)[x].next = (head);                                                                 \
        if ((head) != UTIL_NONE)                                                                 \
            (base)[head].prev = (x);                                                             \
        (head) = (x);                                                                            \
    } while (0)

/* Take x out of the list at head (no tail). */
#define UTIL_LIST_REMOVE(base, head, x, prev, next)                                              \
    do {                                                                                         \
        uint32_t util_p_ = (base)[x].prev, util_n_ = (base)[x].next;                             \
        if (util_p_ != UTIL_NONE)                                                                \
            (base)[util_p_].next = util_n_;                                                      \
        else                                                                                     \
            (head) = util_n_;                                                                    \
        if (util_n_ != UTIL_NONE)                                                                \
            (base)[util_n_].prev = util_p_;                                                      \
    } while (0)

/* Put x last in the list (head, tail). */
#define UTIL_LIST_PUSH_BACK(base, head, tail, x, prev, next)                                     \
    do {                                                                                         \
        (base)[x].next = UTIL_NONE;                                                              \
        (base)[x].prev = (tail);                                                                 \
        if ((tail) != UTIL_NONE)                                                                 \
            (base)[tail].next = (x);                                                             \
        else                                                                                     \
            (head) = (x);                                                                        \
        (tail) = (x);                                                                            \
    } while (0)

/* Take x out of the list (head, tail). */
#define UTIL_LIST_UNLINK(base, head, tail, x, prev, next)                                        \
    do {                                                                                         \
        uint32_t util_p_ = (base)[x].prev, util_n_ = (base)[x].next;                             \
        if (util_p_ != UTIL_NONE)                                                                \
            (base)[util_p_].next = util_n_;                                                      \
        else                                                                                     \
            (head) = util_n_;                                                                    \
        if (util_n_ != UTIL_NONE)                                                                \
            (base)[util_n_].prev = util_p_;                                                      \
        else                                                                                     \
            (tail) = util_p_;                                                                    \
    } while (0)

/* Put x before y in the list at head (y UTIL_NONE: x goes last, after `last`). */
#define UTIL_LIST_INSERT_BEFORE(base, head, y, last, x, prev, next)                              \
    do {                                                                                         \
        uint32_t util_p_ = (y) != UTIL_NONE ? (base)[y].prev : (last);                           \
        (base)[x].prev = util_p_;                                                                \
        (base)[x].next = (y);                                                                    \
        if (util_p_ != UTIL_NONE)                                                                \
            (base)[util_p_].next = (x);                                                          \
        else                                                                                     \
            (head) = (x);                                                                        \
        if ((y) != UTIL_NONE)                                                                    \
            (base)[y].prev = (x);                                                                \
    } while (0)

#endif
