/*
 * The classifier's per-sentence sums in C (lessonkit.check.kinds._ngram_sums).
 *
 * Why C: scoring a sentence means counting its 200-odd n-grams (word unigrams and pairs, character
 * 3-5-grams of each word padded with spaces) and summing the model's weights of those it knows.
 * In Python every n-gram is a new string and a dictionary lookup; here the sentence's words are
 * copied once into one array of code points and every n-gram is a slice of it, hashed and compared
 * in place, so a sentence costs a few microseconds. `classifier.features` stays the definition: the tests hold
 * this module equal to it (tests/test_classifier_compiled.py).
 *
 * `Table(keys, rows, columns, good)` holds a model: `keys` the model's features as
 * `classifier.lookups_of` spells them (word keys "w:form" and "w:first second", character
 * n-grams bare), `rows` each key's place in the model's columns, `columns` the weights of each
 * harmful class and `good` those of good text (tuples of floats): a key's weight for a class is
 * its weight there minus its weight for good text (softmax needs only the differences).
 * `Table.sums(forms)` takes a sentence's word forms and returns (norm squared, sum for class 0,
 * ...): with c the count of an n-gram in the sentence and tf = 1 + ln c, the norm squared is the
 * sum of tf^2 over its distinct n-grams and each class's sum that of tf * weight over those the
 * model knows (`classifier.features` divides by the norm; the caller does).
 * `Table.dump()` and `Table.load(data, bound)` write and read a table as one bytes object (the
 * classifier's cache entry), `Table.row(key)` gives one key's weights (a warning's reasons).
 *
 * Input is untrusted (any text a lesson holds): every index is checked against its string's
 * length, every size against overflow, memory is freed on every path, and nothing here can
 * loop longer than linearly in the sentence's length.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stddef.h>
#include <structmember.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

enum { NS_CHAR = 0, NS_WORD = 1, NS_PAIR = 2 };
#define MAX_CLASSES 64
#define SPACE 0x20

/* ---- hashing ------------------------------------------------------------------------------- */

/* FNV-1a over whole code points (one multiply each): collisions are resolved by comparing. */
static inline uint64_t hash_points(int ns, const Py_UCS4 *points, Py_ssize_t length)
{
    uint64_t h = (0xcbf29ce484222325ULL ^ (uint64_t)ns) * 0x100000001b3ULL;
    for (Py_ssize_t p = 0; p < length; p++)
        h = (h ^ points[p]) * 0x100000001b3ULL;
    return h;
}

/* ---- the model ------------------------------------------------------------------------------ */

typedef struct {
    uint64_t hash;
    Py_ssize_t offset; /* into Table.points */
    Py_ssize_t length;
    Py_ssize_t row;
    int ns;
} Key;

typedef struct {
    PyObject_HEAD
    Py_ssize_t classes;
    Py_ssize_t size;      /* keys */
    Py_ssize_t capacity;  /* slots, a power of two */
    Key *keys;
    Py_ssize_t *slots;    /* index into keys, or -1 */
    Py_UCS4 *points;      /* every key's code points, one after another */
    Py_ssize_t total;     /* code points */
    double *weights;      /* size * classes */
} Table;

static void table_free_arrays(Table *self)
{
    PyMem_Free(self->keys);
    PyMem_Free(self->slots);
    PyMem_Free(self->points);
    PyMem_Free(self->weights);
    self->keys = NULL;
    self->slots = NULL;
    self->points = NULL;
    self->weights = NULL;
    self->size = 0;
    self->capacity = 0;
    self->total = 0;
}

static void table_dealloc(Table *self)
{
    PyTypeObject *type = Py_TYPE(self);
    table_free_arrays(self);
    type->tp_free((PyObject *)self);
    Py_DECREF(type);
}

/* Whether Table() or Table.load() made this table (Table.__new__ alone, or a failed __init__, did not). */
static int initialised(const Table *self)
{
    if (self->weights == NULL)
        PyErr_SetString(PyExc_ValueError, "the table was not initialised");
    return self->weights != NULL;
}

static Py_ssize_t power_of_two_above(Py_ssize_t n)
{
    Py_ssize_t capacity = 16;
    while (capacity < n) {
        if (capacity > PY_SSIZE_T_MAX / 4)
            return -1;
        capacity *= 2;
    }
    return capacity;
}

/* A weight of the model: an exact float or int only, whose conversion runs no Python code (a subclass's
   __float__ or __index__ could change the lists being read, or call __init__ again on this table). */
static int exact_number(PyObject *value, double *out)
{
    if (!PyFloat_CheckExact(value) && !PyLong_CheckExact(value)) {
        PyErr_SetString(PyExc_TypeError, "weights must be float or int");
        return -1;
    }
    *out = PyFloat_AsDouble(value);
    return *out == -1.0 && PyErr_Occurred() ? -1 : 0;
}

/* The weight of key k for class j: columns[j][rows[k]] - good[rows[k]], read from the model's own
   tuples of floats (building the differences in Python cost more than a small file's whole check). */
static int read_weights(Table *self, PyObject *rows, PyObject *columns, PyObject *good, Py_ssize_t size)
{
    Py_ssize_t classes = self->classes, features = PyTuple_GET_SIZE(good);
    for (Py_ssize_t j = 0; j < classes; j++) {
        PyObject *column = PyList_GET_ITEM(columns, j);
        if (!PyTuple_Check(column) || PyTuple_GET_SIZE(column) != features) {
            PyErr_SetString(PyExc_ValueError, "every column must be a tuple as long as the good column");
            return -1;
        }
    }
    for (Py_ssize_t k = 0; k < size; k++) {
        PyObject *item = PyList_GET_ITEM(rows, k);
        if (!PyLong_CheckExact(item)) {
            PyErr_SetString(PyExc_TypeError, "rows must be int");
            return -1;
        }
        Py_ssize_t row = PyLong_AsSsize_t(item);
        if (row == -1 && PyErr_Occurred())
            return -1;
        if (row < 0 || row >= features) {
            PyErr_SetString(PyExc_ValueError, "a row is outside the columns");
            return -1;
        }
        double base;
        if (exact_number(PyTuple_GET_ITEM(good, row), &base) < 0)
            return -1;
        for (Py_ssize_t j = 0; j < classes; j++) {
            double weight;
            if (exact_number(PyTuple_GET_ITEM(PyList_GET_ITEM(columns, j), row), &weight) < 0)
                return -1;
            self->weights[k * classes + j] = weight - base;
        }
    }
    return 0;
}

/* The open-addressing index of the keys (hashes and slots), from keys[0..size) and points: made
   by Table() and by Table.load() alike. */
static int table_index(Table *self, Py_ssize_t size)
{
    self->capacity = power_of_two_above(2 * size);
    if (self->capacity < 0) {
        PyErr_NoMemory();
        return -1;
    }
    self->slots = PyMem_New(Py_ssize_t, self->capacity);
    if (!self->slots) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t s = 0; s < self->capacity; s++)
        self->slots[s] = -1;
    Py_ssize_t mask = self->capacity - 1;
    for (Py_ssize_t i = 0; i < size; i++) {
        Key *entry = &self->keys[i];
        uint64_t h = entry->hash = hash_points(entry->ns, self->points + entry->offset, entry->length);
        Py_ssize_t s = (Py_ssize_t)(h & (uint64_t)mask);
        for (;;) {
            Py_ssize_t found = self->slots[s];
            if (found < 0) {
                self->slots[s] = i;
                break;
            }
            Key *other = &self->keys[found];
            if (other->hash == h && other->ns == entry->ns && other->length == entry->length &&
                memcmp(self->points + other->offset, self->points + entry->offset,
                       (size_t)entry->length * sizeof(Py_UCS4)) == 0)
                break; /* a repeated key: the first one's row stands (the classifier passes none) */
            s = (s + 1) & mask;
        }
    }
    self->size = size;
    return 0;
}

/* "w:form" is a word, "w:first second" a pair (forms hold no space), anything else a bare character
   n-gram (classifier.lookups_of drops character keys that hold a colon): the namespace of a key as
   `Table()` and `Table.row()` are given it, and how many of its code points spell the prefix. */
static int key_namespace(PyObject *key, Py_ssize_t *skip)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(key);
    int kind = PyUnicode_KIND(key);
    const void *data = PyUnicode_DATA(key);
    *skip = 0;
    if (length < 2 || PyUnicode_READ(kind, data, 0) != 'w' || PyUnicode_READ(kind, data, 1) != ':')
        return NS_CHAR;
    *skip = 2;
    for (Py_ssize_t p = 2; p < length; p++)
        if (PyUnicode_READ(kind, data, p) == SPACE)
            return NS_PAIR;
    return NS_WORD;
}

static int table_init(Table *self, PyObject *args, PyObject *kwargs)
{
    static char *names[] = {"keys", "rows", "columns", "good", NULL};
    PyObject *keys, *rows, *columns, *good;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!O!O!O!", names, &PyList_Type, &keys, &PyList_Type, &rows,
                                     &PyList_Type, &columns, &PyTuple_Type, &good))
        return -1;
    int result = -1;
    table_free_arrays(self);
    Py_ssize_t size = PyList_GET_SIZE(keys);
    Py_ssize_t classes = PyList_GET_SIZE(columns);
    if (classes < 1 || classes > MAX_CLASSES) {
        PyErr_SetString(PyExc_ValueError, "there must be between 1 and 64 harmful columns");
        goto done;
    }
    if (PyList_GET_SIZE(rows) != size || size > PY_SSIZE_T_MAX / 16 / classes) {
        PyErr_SetString(PyExc_ValueError, "there must be one row per key");
        goto done;
    }
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < size; i++) {
        PyObject *key = PyList_GET_ITEM(keys, i);
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "keys must be str");
            goto done;
        }
        if (PyUnicode_GET_LENGTH(key) > PY_SSIZE_T_MAX / (Py_ssize_t)sizeof(Py_UCS4) - total) {
            PyErr_NoMemory(); /* a 32-bit build: the sum of the lengths would wrap */
            goto done;
        }
        total += PyUnicode_GET_LENGTH(key);
    }
    self->keys = PyMem_New(Key, size > 0 ? size : 1);
    self->points = PyMem_New(Py_UCS4, total > 0 ? total : 1);
    self->weights = PyMem_New(double, size * classes > 0 ? size * classes : 1);
    if (!self->keys || !self->points || !self->weights) {
        PyErr_NoMemory();
        goto done;
    }
    self->classes = classes;
    if (read_weights(self, rows, columns, good, size) < 0)
        goto done;
    Py_ssize_t offset = 0;
    for (Py_ssize_t i = 0; i < size; i++) {
        PyObject *key = PyList_GET_ITEM(keys, i);
        Py_ssize_t length = PyUnicode_GET_LENGTH(key), skip;
        int kind = PyUnicode_KIND(key);
        const void *data = PyUnicode_DATA(key);
        Key *entry = &self->keys[i];
        entry->ns = key_namespace(key, &skip);
        entry->offset = offset;
        entry->length = length - skip;
        entry->row = i;
        for (Py_ssize_t p = skip; p < length; p++)
            self->points[offset++] = PyUnicode_READ(kind, data, p);
    }
    self->total = offset; /* the prefixes "w:" are not held */
    if (table_index(self, size) < 0)
        goto done;
    result = 0;
done:
    if (result < 0)
        table_free_arrays(self);
    return result;
}

/* ---- the table as bytes, for the cache folder ------------------------------------------------- */

/* Table.dump() writes the table as it is held, and Table.load() reads it back with no Python object
   per key: a model's size then costs a copy at start, not a string and some floats per feature
   (docs/checker.md, "Statistical layer"). The layout, native byte order (the order mark refuses
   another machine's file; the cache is signed with one user's key anyway):
     header   DUMP_MAGIC (8 bytes), order mark, classes, width of a code point (1, 2 or 4 bytes),
              0 (uint32 each), keys, code points (uint64 each)
     keys     for each key, uint32 (length << 2 | namespace)
     weights  keys * classes doubles (harmful minus good, as held)
     points   every key's code points, one after another, `width` bytes each
   A key's row is its place: `dump` writes the weights by row. Everything read is checked: sizes
   against the data's length (no arithmetic can overflow first), namespaces, code points, lengths
   against the points, weights finite and within the bound the caller gives. */
static const char DUMP_MAGIC[8] = {'l', 'k', 'n', 'g', 'r', 'a', 'm', '1'};
#define DUMP_ORDER 0x01020304u
#define DUMP_HEADER 40
#define MAX_KEY_LENGTH ((Py_ssize_t)1 << 29)

static PyObject *table_dump(Table *self, PyObject *Py_UNUSED(ignored))
{
    if (!initialised(self))
        return NULL;
    Py_ssize_t size = self->size, classes = self->classes, total = self->total;
    Py_UCS4 largest = 0;
    for (Py_ssize_t p = 0; p < total; p++)
        if (self->points[p] > largest)
            largest = self->points[p];
    uint32_t width = largest < 0x100 ? 1 : largest < 0x10000 ? 2 : 4;
    for (Py_ssize_t i = 0; i < size; i++)
        if (self->keys[i].length >= MAX_KEY_LENGTH) {
            PyErr_SetString(PyExc_ValueError, "a key too long to dump");
            return NULL;
        }
    /* In 64 bits: on a 32-bit build the table's memory may hold more than a bytes object can. */
    uint64_t length = DUMP_HEADER + 4 * (uint64_t)size + 8 * (uint64_t)size * (uint64_t)classes +
                      (uint64_t)width * (uint64_t)total;
    if (length > (uint64_t)PY_SSIZE_T_MAX) {
        PyErr_SetString(PyExc_ValueError, "a table too large to dump");
        return NULL;
    }
    PyObject *result = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)length);
    if (!result)
        return NULL;
    char *out = PyBytes_AS_STRING(result);
    uint32_t head[4] = {DUMP_ORDER, (uint32_t)classes, width, 0};
    uint64_t counts[2] = {(uint64_t)size, (uint64_t)total};
    memcpy(out, DUMP_MAGIC, 8);
    memcpy(out + 8, head, sizeof head);
    memcpy(out + 24, counts, sizeof counts);
    out += DUMP_HEADER;
    for (Py_ssize_t i = 0; i < size; i++) {
        uint32_t meta = (uint32_t)(self->keys[i].length << 2) | (uint32_t)self->keys[i].ns;
        memcpy(out, &meta, 4);
        out += 4;
    }
    memcpy(out, self->weights, (size_t)(size * classes) * sizeof(double));
    out += size * classes * (Py_ssize_t)sizeof(double);
    for (Py_ssize_t p = 0; p < total; p++) {
        Py_UCS4 point = self->points[p];
        if (width == 1)
            *out++ = (char)(uint8_t)point;
        else if (width == 2) {
            uint16_t half = (uint16_t)point;
            memcpy(out, &half, 2);
            out += 2;
        } else {
            uint32_t whole = (uint32_t)point;
            memcpy(out, &whole, 4);
            out += 4;
        }
    }
    return result;
}

static PyObject *load_error(const char *message)
{
    PyErr_SetString(PyExc_ValueError, message);
    return NULL;
}

static PyObject *table_load(PyObject *type, PyObject *args)
{
    Py_buffer view;
    double bound;
    if (!PyArg_ParseTuple(args, "y*d", &view, &bound))
        return NULL;
    const char *in = view.buf;
    Py_ssize_t length = view.len;
    PyObject *made = NULL;
    Table *self = NULL;
    uint32_t head[4];
    uint64_t counts[2];
    if (length < DUMP_HEADER || memcmp(in, DUMP_MAGIC, 8) != 0) {
        load_error("not a dumped table");
        goto fail;
    }
    memcpy(head, in + 8, sizeof head);
    memcpy(counts, in + 24, sizeof counts);
    uint32_t order = head[0], classes = head[1], width = head[2];
    if (order != DUMP_ORDER || head[3] != 0 || classes < 1 || classes > MAX_CLASSES ||
        (width != 1 && width != 2 && width != 4)) {
        load_error("a dumped table's header is wrong");
        goto fail;
    }
    /* Compared with the data's length before any product is formed: no overflow. */
    uint64_t rest = (uint64_t)(length - DUMP_HEADER);
    uint64_t size = counts[0], total = counts[1];
    if (size > rest / (4 + 8 * (uint64_t)classes) || total > rest / width ||
        4 * size + 8 * size * classes + width * total != rest) {
        load_error("a dumped table's sizes do not match its length");
        goto fail;
    }
    const char *metas = in + DUMP_HEADER;
    const char *weights = metas + 4 * size;
    const char *points = weights + 8 * size * classes;
    made = PyType_GenericAlloc((PyTypeObject *)type, 0);
    if (!made)
        goto fail;
    self = (Table *)made;
    self->keys = PyMem_New(Key, size > 0 ? (Py_ssize_t)size : 1);
    self->points = PyMem_New(Py_UCS4, total > 0 ? (Py_ssize_t)total : 1);
    self->weights = PyMem_New(double, size * classes > 0 ? (Py_ssize_t)(size * classes) : 1);
    if (!self->keys || !self->points || !self->weights) {
        PyErr_NoMemory();
        goto fail;
    }
    self->classes = classes;
    self->total = (Py_ssize_t)total;
    uint64_t offset = 0;
    for (uint64_t i = 0; i < size; i++) {
        uint32_t meta;
        memcpy(&meta, metas + 4 * i, 4);
        uint64_t key_length = meta >> 2;
        int ns = (int)(meta & 3);
        if (ns > NS_PAIR || key_length > total - offset) {
            load_error("a dumped table's key is wrong");
            goto fail;
        }
        Key *entry = &self->keys[i];
        entry->ns = ns;
        entry->offset = (Py_ssize_t)offset;
        entry->length = (Py_ssize_t)key_length;
        entry->row = (Py_ssize_t)i;
        offset += key_length;
    }
    if (offset != total) {
        load_error("a dumped table's keys do not fill its points");
        goto fail;
    }
    memcpy(self->weights, weights, (size_t)(size * classes) * sizeof(double));
    for (uint64_t k = 0; k < size * classes; k++)
        if (!isfinite(self->weights[k]) || !(fabs(self->weights[k]) <= bound)) { /* a NaN bound holds none */
            load_error("a dumped table's weight is out of bounds");
            goto fail;
        }
    for (uint64_t p = 0; p < total; p++) {
        Py_UCS4 point;
        if (width == 1)
            point = (uint8_t)points[p];
        else if (width == 2) {
            uint16_t half;
            memcpy(&half, points + 2 * p, 2);
            point = half;
        } else {
            uint32_t whole;
            memcpy(&whole, points + 4 * p, 4);
            point = whole;
        }
        if (point > 0x10FFFF) {
            load_error("a dumped table's code point is out of range");
            goto fail;
        }
        self->points[p] = point;
    }
    if (table_index(self, (Py_ssize_t)size) < 0)
        goto fail;
    PyBuffer_Release(&view);
    return made;
fail:
    PyBuffer_Release(&view);
    Py_XDECREF(made); /* its dealloc frees what was allocated */
    return NULL;
}

/* ---- a sentence ----------------------------------------------------------------------------- */

/* The sentence is laid out once as " form1 form2 ... formN " (forms hold no space): a word padded
   with spaces, each of its character n-grams, the word itself and a word with the next one
   ("first second") are then all plain slices of that one array, hashed and compared as such. */
typedef struct {
    uint64_t hash;
    Py_ssize_t start;
    Py_ssize_t length;
    Py_ssize_t count;
    int ns;
} Gram;

static inline int same_points(const Py_UCS4 *x, const Py_UCS4 *y, Py_ssize_t length)
{
    return memcmp(x, y, (size_t)length * sizeof(Py_UCS4)) == 0;
}

static inline Py_ssize_t model_row(const Table *table, const Gram *g, const Py_UCS4 *line)
{
    if (table->size == 0)
        return -1;
    Py_ssize_t mask = table->capacity - 1;
    for (Py_ssize_t s = (Py_ssize_t)(g->hash & (uint64_t)mask);; s = (s + 1) & mask) {
        Py_ssize_t found = table->slots[s];
        if (found < 0)
            return -1;
        const Key *key = &table->keys[found];
        if (key->hash == g->hash && key->ns == g->ns && key->length == g->length &&
            same_points(table->points + key->offset, line + g->start, g->length))
            return key->row;
    }
}

typedef struct {
    const Py_UCS4 *line;
    Gram *grams;
    Py_ssize_t used;
    Py_ssize_t *slots;
    Py_ssize_t mask;
} Counts;

/* One occurrence of the slice line[start:start + length]: counted again if met before, else
   appended (so the distinct n-grams stay in the order they were first met). */
static inline void add_gram(Counts *counts, int ns, Py_ssize_t start, Py_ssize_t length)
{
    const Py_UCS4 *points = counts->line + start;
    uint64_t h = hash_points(ns, points, length);
    for (Py_ssize_t s = (Py_ssize_t)(h & (uint64_t)counts->mask);; s = (s + 1) & counts->mask) {
        Py_ssize_t found = counts->slots[s];
        if (found < 0) {
            Gram *g = &counts->grams[counts->used];
            g->hash = h;
            g->start = start;
            g->length = length;
            g->count = 1;
            g->ns = ns;
            counts->slots[s] = counts->used++;
            return;
        }
        Gram *g = &counts->grams[found];
        if (g->hash == h && g->ns == ns && g->length == length && same_points(counts->line + g->start, points, length)) {
            g->count++;
            return;
        }
    }
}

static PyObject *table_sums(Table *self, PyObject *forms_list)
{
    if (!PyList_Check(forms_list)) {
        PyErr_SetString(PyExc_TypeError, "sums() takes a list of str");
        return NULL;
    }
    if (!initialised(self))
        return NULL;
    Py_ssize_t words = PyList_GET_SIZE(forms_list);
    Py_ssize_t classes = self->classes;
    double totals[MAX_CLASSES] = {0.0};
    double square = 0.0;
    Py_UCS4 *line = NULL;
    Py_ssize_t *starts = NULL;
    Gram *grams = NULL;
    Py_ssize_t *slots = NULL;
    PyObject *result = NULL;
    /* The line's length, and every occurrence: the word, its pair with the next, its padded 3-, 4-
       and 5-grams. */
    Py_ssize_t width = 1, occurrences = 0;
    for (Py_ssize_t i = 0; i < words; i++) {
        PyObject *form = PyList_GET_ITEM(forms_list, i);
        if (!PyUnicode_Check(form)) {
            PyErr_SetString(PyExc_TypeError, "sums() takes a list of str");
            return NULL;
        }
        Py_ssize_t length = PyUnicode_GET_LENGTH(form);
        if (length > PY_SSIZE_T_MAX / 64 || width > PY_SSIZE_T_MAX / 64 - length ||
            occurrences > PY_SSIZE_T_MAX / 64 - 4 * length - 2) {
            PyErr_NoMemory();
            return NULL;
        }
        width += length + 1;
        occurrences += 2; /* the word, and a pair unless it is the last one (one too many is harmless) */
        for (Py_ssize_t n = 3; n <= 5; n++)
            if (length + 2 >= n)
                occurrences += length + 3 - n;
    }
    Py_ssize_t capacity = power_of_two_above(2 * occurrences);
    if (capacity < 0) {
        PyErr_NoMemory();
        return NULL;
    }
    line = PyMem_New(Py_UCS4, width);
    starts = PyMem_New(Py_ssize_t, words + 1);
    grams = PyMem_New(Gram, occurrences > 0 ? occurrences : 1);
    slots = PyMem_New(Py_ssize_t, capacity);
    if (!line || !starts || !grams || !slots) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t at = 0;
    line[at++] = SPACE;
    for (Py_ssize_t i = 0; i < words; i++) {
        PyObject *form = PyList_GET_ITEM(forms_list, i);
        int kind = PyUnicode_KIND(form);
        const void *data = PyUnicode_DATA(form);
        Py_ssize_t length = PyUnicode_GET_LENGTH(form);
        starts[i] = at;
        for (Py_ssize_t p = 0; p < length; p++)
            line[at++] = PyUnicode_READ(kind, data, p);
        line[at++] = SPACE;
    }
    starts[words] = at; /* == width */
    for (Py_ssize_t s = 0; s < capacity; s++)
        slots[s] = -1;
    Counts counts = {line, grams, 0, slots, capacity - 1};
    /* In the order of classifier.raw_features: each word's unigram, its pair, then its n-grams. */
    for (Py_ssize_t i = 0; i < words; i++) {
        Py_ssize_t start = starts[i], length = starts[i + 1] - start - 1;
        add_gram(&counts, NS_WORD, start, length);
        if (i + 1 < words)
            add_gram(&counts, NS_PAIR, start, starts[i + 2] - start - 1);
        /* " form ": from the space before the word to the space after it. */
        for (Py_ssize_t n = 3; n <= 5; n++)
            for (Py_ssize_t from = start - 1; from + n <= start + length + 1; from++)
                add_gram(&counts, NS_CHAR, from, n);
    }
    for (Py_ssize_t k = 0; k < counts.used; k++) {
        double tf = grams[k].count > 1 ? 1.0 + log((double)grams[k].count) : 1.0;
        square += tf * tf;
        Py_ssize_t row = model_row(self, &grams[k], line);
        if (row >= 0) {
            const double *weights = self->weights + row * classes;
            for (Py_ssize_t j = 0; j < classes; j++)
                totals[j] += tf * weights[j];
        }
    }
    result = PyTuple_New(classes + 1);
    if (!result)
        goto done;
    PyObject *value = PyFloat_FromDouble(square);
    if (!value) {
        Py_CLEAR(result);
        goto done;
    }
    PyTuple_SET_ITEM(result, 0, value);
    for (Py_ssize_t j = 0; j < classes; j++) {
        value = PyFloat_FromDouble(totals[j]);
        if (!value) {
            Py_CLEAR(result);
            goto done;
        }
        PyTuple_SET_ITEM(result, j + 1, value);
    }
done:
    PyMem_Free(line);
    PyMem_Free(starts);
    PyMem_Free(grams);
    PyMem_Free(slots);
    return result;
}

/* Table.row(key): the weights (harmful minus good) of one key spelled as in Table(), or None when
   the table lacks it; what a warning's reasons need of a model read from the cache folder. */
static PyObject *table_row(Table *self, PyObject *key)
{
    if (!PyUnicode_Check(key)) {
        PyErr_SetString(PyExc_TypeError, "row() takes a str");
        return NULL;
    }
    if (!initialised(self))
        return NULL;
    Py_ssize_t skip, length = PyUnicode_GET_LENGTH(key);
    int ns = key_namespace(key, &skip);
    Py_UCS4 *line = PyMem_New(Py_UCS4, length > 0 ? length : 1);
    if (!line)
        return PyErr_NoMemory();
    int kind = PyUnicode_KIND(key);
    const void *data = PyUnicode_DATA(key);
    for (Py_ssize_t p = skip; p < length; p++)
        line[p - skip] = PyUnicode_READ(kind, data, p);
    Gram gram = {hash_points(ns, line, length - skip), 0, length - skip, 1, ns};
    Py_ssize_t row = model_row(self, &gram, line);
    PyMem_Free(line);
    if (row < 0)
        Py_RETURN_NONE;
    PyObject *result = PyTuple_New(self->classes);
    for (Py_ssize_t j = 0; result && j < self->classes; j++) {
        PyObject *value = PyFloat_FromDouble(self->weights[row * self->classes + j]);
        if (!value)
            Py_CLEAR(result);
        else
            PyTuple_SET_ITEM(result, j, value);
    }
    return result;
}

static Py_ssize_t table_length(Table *self) { return self->size; }

static PyMethodDef table_methods[] = {
    {"sums", (PyCFunction)table_sums, METH_O,
     "sums(forms) -> (norm squared, sum for each class): the sentence's n-grams counted and weighted."},
    {"row", (PyCFunction)table_row, METH_O, "row(key) -> the key's weights (harmful minus good), or None."},
    {"dump", (PyCFunction)table_dump, METH_NOARGS, "dump() -> the table as bytes, for Table.load."},
    {"load", (PyCFunction)table_load, METH_VARARGS | METH_CLASS,
     "load(data, bound) -> the table dump() wrote; ValueError when data is not one, or a weight is beyond bound."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef table_members[] = {
    {"classes", T_PYSSIZET, offsetof(Table, classes), READONLY, "the number of harmful columns"},
    {NULL, 0, 0, 0, NULL},
};

static PyType_Slot table_slots[] = {
    {Py_tp_doc, "A model's features and weights, for Table.sums."},
    {Py_tp_init, table_init},
    {Py_tp_dealloc, table_dealloc},
    {Py_tp_methods, table_methods},
    {Py_sq_length, table_length},
    {Py_tp_members, table_members},
    {Py_tp_new, PyType_GenericNew},
    {0, NULL},
};

static PyType_Spec table_spec = {
    .name = "lessonkit.check.kinds._ngram_sums.Table",
    .basicsize = sizeof(Table),
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = table_slots,
};

static int module_exec(PyObject *module)
{
    PyObject *type = PyType_FromSpec(&table_spec);
    if (!type)
        return -1;
    if (PyModule_AddObject(module, "Table", type) < 0) {
        Py_DECREF(type);
        return -1;
    }
    return 0;
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "lessonkit.check.kinds._ngram_sums",
    .m_doc = "The classifier's per-sentence n-gram sums, in C (see classifier.py).",
    .m_size = 0,
    .m_slots = module_slots,
};

PyMODINIT_FUNC PyInit__ngram_sums(void) { return PyModuleDef_Init(&module_def); }
