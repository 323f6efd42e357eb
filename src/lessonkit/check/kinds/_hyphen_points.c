/*
 * Pyphen's hyphenation points of a word, counted in C (lessonkit.check.kinds._hyphen_points).
 *
 * Why C: Flesch-Kincaid counts syllables with Pyphen for every word that CMUdict and the list of
 * common words lack (7,000 distinct words in a megabyte of prose). `flesch._Hyphenation.points`
 * walks a trie of dicts from every character of the word, one dict lookup per character; that was
 * 0.06 s of a megabyte, 4 % of the checker's time. Here the patterns and every prefix of them sit
 * in one hash table of code-point strings, and a walk hashes the growing substring as it goes, so a
 * word costs about a microsecond. `_Hyphenation.points` in pure Python stays the definition, and
 * Pyphen's `positions` the reference: tests/test_check_speed_hyphenation.py holds all three equal.
 *
 * `Table(patterns, longest)` takes Pyphen's parsed patterns, `{letters: (offset, (weight, ...))}`
 * with plain int weights, and the length of the longest. `Table.odd(dotted, low, high)` takes the
 * word as Pyphen reads it (".word.", lower case) and returns how many of the merged weights at
 * indexes low..high-1 are odd: the weights are those `_Hyphenation.points` builds, the bounds the
 * ones it slices.
 *
 * Input is untrusted (any word a lesson holds; patterns from the dictionary Pyphen ships): every
 * weight index is checked against the array's length, every size against overflow, memory is freed
 * on every path, and a word costs at most its length times the longest pattern's.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define BASIS 0xcbf29ce484222325ULL
#define PRIME 0x100000001b3ULL
#define MAX_WEIGHT 127    /* weights are digits in hyphenation dictionaries; bounded so they fit a byte */
#define MAX_LONGEST 4096  /* longer patterns would make every walk long: refused */

/* One string of the table: a pattern, or only the prefix of one (`values` < 0). */
typedef struct {
    uint64_t hash;
    Py_ssize_t key;     /* into Table.points */
    Py_ssize_t length;
    Py_ssize_t offset;  /* the pattern's first weight's place, from the string's start */
    Py_ssize_t values;  /* into Table.weights, or -1 for a prefix only */
    Py_ssize_t count;   /* weights */
} Entry;

typedef struct {
    PyObject_HEAD
    Py_ssize_t longest;
    Py_ssize_t size;      /* entries */
    Py_ssize_t capacity;  /* slots, a power of two */
    Entry *entries;
    Py_ssize_t *slots;    /* index into entries, or -1 */
    Py_UCS4 *points;      /* every pattern's code points, one after another */
    unsigned char *weights;
} Table;

static void table_free_arrays(Table *self)
{
    PyMem_Free(self->entries);
    PyMem_Free(self->slots);
    PyMem_Free(self->points);
    PyMem_Free(self->weights);
    self->entries = NULL;
    self->slots = NULL;
    self->points = NULL;
    self->weights = NULL;
    self->size = 0;
    self->capacity = 0;
    self->longest = 0;
}

static void table_dealloc(Table *self)
{
    table_free_arrays(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* The entry for points[0..length) with this hash, or -1. */
static Py_ssize_t find(const Table *self, uint64_t hash, const Py_UCS4 *points, Py_ssize_t length)
{
    Py_ssize_t mask = self->capacity - 1;
    for (Py_ssize_t slot = (Py_ssize_t)(hash & (uint64_t)mask);; slot = (slot + 1) & mask) {
        Py_ssize_t at = self->slots[slot];
        if (at < 0)
            return -1;
        const Entry *entry = &self->entries[at];
        if (entry->hash == hash && entry->length == length &&
            memcmp(self->points + entry->key, points, (size_t)length * sizeof(Py_UCS4)) == 0)
            return at;
    }
}

/* Adds points[0..length) (already in Table.points at `key`) as a prefix, or finds it; the entry's index. */
static Py_ssize_t add(Table *self, uint64_t hash, Py_ssize_t key, Py_ssize_t length)
{
    Py_ssize_t mask = self->capacity - 1;
    const Py_UCS4 *points = self->points + key;
    for (Py_ssize_t slot = (Py_ssize_t)(hash & (uint64_t)mask);; slot = (slot + 1) & mask) {
        Py_ssize_t at = self->slots[slot];
        if (at < 0) {
            at = self->size++;
            self->entries[at] = (Entry){hash, key, length, 0, -1, 0};
            self->slots[slot] = at;
            return at;
        }
        const Entry *entry = &self->entries[at];
        if (entry->hash == hash && entry->length == length &&
            memcmp(self->points + entry->key, points, (size_t)length * sizeof(Py_UCS4)) == 0)
            return at;
    }
}

/* A pattern's (offset, weights) as Pyphen parses it, checked; the weights go to `out` (`count` of them). */
static int read_pattern(PyObject *value, Py_ssize_t length, Py_ssize_t *offset, PyObject **weights)
{
    if (!PyTuple_Check(value) || PyTuple_GET_SIZE(value) != 2 || !PyLong_CheckExact(PyTuple_GET_ITEM(value, 0)) ||
        !PyTuple_Check(PyTuple_GET_ITEM(value, 1))) {
        PyErr_SetString(PyExc_TypeError, "a pattern's value must be (int, tuple of ints)");
        return -1;
    }
    *offset = PyLong_AsSsize_t(PyTuple_GET_ITEM(value, 0));
    if (*offset == -1 && PyErr_Occurred())
        return -1;
    *weights = PyTuple_GET_ITEM(value, 1);
    /* A weight may stand before each letter and after the last: offset + count <= length + 1. */
    if (*offset < 0 || *offset > length || PyTuple_GET_SIZE(*weights) > length + 1 - *offset) {
        PyErr_SetString(PyExc_ValueError, "a pattern's weights must lie within its letters");
        return -1;
    }
    return 0;
}

static int table_init(Table *self, PyObject *args, PyObject *kwargs)
{
    static char *names[] = {"patterns", "longest", NULL};
    PyObject *patterns;
    Py_ssize_t longest;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!n", names, &PyDict_Type, &patterns, &longest))
        return -1;
    table_free_arrays(self); /* __init__ called again: start empty, so a failure leaves no half-made table */
    if (longest < 1 || longest > MAX_LONGEST) {
        PyErr_SetString(PyExc_ValueError, "longest must be between 1 and 4096");
        return -1;
    }
    /* Sizes first: every pattern's letters and weights, checked. */
    Py_ssize_t letters = 0, total_weights = 0, pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(patterns, &pos, &key, &value)) {
        if (!PyUnicode_Check(key) || PyUnicode_READY(key) < 0) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "a pattern must be a str");
            return -1;
        }
        Py_ssize_t length = PyUnicode_GET_LENGTH(key), offset;
        PyObject *weights;
        if (length < 1 || length > longest) {
            PyErr_SetString(PyExc_ValueError, "a pattern must have 1 to `longest` letters");
            return -1;
        }
        if (read_pattern(value, length, &offset, &weights) < 0)
            return -1;
        letters += length;
        total_weights += PyTuple_GET_SIZE(weights);
    }
    Py_ssize_t count = PyDict_GET_SIZE(patterns);
    /* At most one entry per letter (each prefix of each pattern); twice as many slots, a power of two. */
    Py_ssize_t capacity = 16;
    while (capacity < 2 * (letters + 1)) {
        if (capacity > PY_SSIZE_T_MAX / 4 / (Py_ssize_t)sizeof(Py_ssize_t)) {
            PyErr_NoMemory();
            return -1;
        }
        capacity *= 2;
    }
    self->entries = PyMem_Calloc((size_t)letters + 1, sizeof(Entry));
    self->slots = PyMem_Malloc((size_t)capacity * sizeof(Py_ssize_t));
    self->points = PyMem_Calloc((size_t)letters + 1, sizeof(Py_UCS4));
    self->weights = PyMem_Calloc((size_t)total_weights + 1, 1);
    if (!self->entries || !self->slots || !self->points || !self->weights) {
        table_free_arrays(self);
        PyErr_NoMemory();
        return -1;
    }
    memset(self->slots, 0xff, (size_t)capacity * sizeof(Py_ssize_t)); /* every slot -1 */
    self->capacity = capacity;
    self->longest = longest;
    Py_ssize_t written = 0, weighed = 0;
    pos = 0;
    while (PyDict_Next(patterns, &pos, &key, &value)) {
        Py_ssize_t length = PyUnicode_GET_LENGTH(key), offset;
        PyObject *weights;
        if (read_pattern(value, length, &offset, &weights) < 0)
            goto fail;
        if (written + length > letters || weighed + PyTuple_GET_SIZE(weights) > total_weights ||
            PyDict_GET_SIZE(patterns) != count) {
            PyErr_SetString(PyExc_RuntimeError, "the patterns changed while being read");
            goto fail;
        }
        int kind = PyUnicode_KIND(key);
        const void *data = PyUnicode_DATA(key);
        Py_ssize_t start = written;
        uint64_t hash = BASIS;
        Py_ssize_t entry = -1;
        for (Py_ssize_t i = 0; i < length; i++) {
            Py_UCS4 point = PyUnicode_READ(kind, data, i);
            self->points[written++] = point;
            hash = (hash ^ point) * PRIME;
            entry = add(self, hash, start, i + 1); /* each prefix, and last the pattern itself */
        }
        Py_ssize_t many = PyTuple_GET_SIZE(weights);
        for (Py_ssize_t w = 0; w < many; w++) {
            PyObject *item = PyTuple_GET_ITEM(weights, w);
            long weight = PyLong_CheckExact(item) ? PyLong_AsLong(item) : -1;
            if (weight < 0 || weight > MAX_WEIGHT) {
                if (!PyErr_Occurred())
                    PyErr_SetString(PyExc_ValueError, "a weight must be an int from 0 to 127");
                goto fail;
            }
            self->weights[weighed + w] = (unsigned char)weight;
        }
        self->entries[entry].offset = offset;
        self->entries[entry].values = weighed;
        self->entries[entry].count = many;
        weighed += many;
    }
    return 0;
fail:
    table_free_arrays(self);
    return -1;
}

static PyObject *table_odd(Table *self, PyObject *args)
{
    PyObject *dotted;
    Py_ssize_t low, high;
    if (!PyArg_ParseTuple(args, "Unn:odd", &dotted, &low, &high))
        return NULL;
    if (self->entries == NULL) {
        PyErr_SetString(PyExc_ValueError, "the table holds no patterns (its __init__ failed or was not called)");
        return NULL;
    }
    Py_ssize_t size = PyUnicode_GET_LENGTH(dotted), longest = self->longest;
    /* As `_Hyphenation.points`: room for any pattern from any place (at most `longest` + 1 weights,
     * from at most `longest` letters on). */
    if (size > (PY_SSIZE_T_MAX - 2) / 4 - 2 * longest) {
        PyErr_SetString(PyExc_OverflowError, "word too long");
        return NULL;
    }
    Py_ssize_t slots = size + 2 * longest + 2;
    unsigned char stack[512];
    unsigned char *weights = slots <= (Py_ssize_t)sizeof stack ? stack : PyMem_Malloc((size_t)slots);
    Py_UCS4 *points = PyUnicode_AsUCS4Copy(dotted);
    if (!weights || !points) {
        if (weights != stack)
            PyMem_Free(weights);
        PyMem_Free(points);
        return points ? PyErr_NoMemory() : NULL;
    }
    memset(weights, 0, (size_t)slots);
    for (Py_ssize_t start = 0; start + 1 < size; start++) {
        uint64_t hash = BASIS;
        Py_ssize_t stop = size - start < longest ? size - start : longest;
        for (Py_ssize_t length = 1; length <= stop; length++) {
            hash = (hash ^ points[start + length - 1]) * PRIME;
            Py_ssize_t at = find(self, hash, points + start, length);
            if (at < 0)
                break; /* no pattern begins with this string: none begins with a longer one */
            const Entry *entry = &self->entries[at];
            if (entry->values < 0)
                continue; /* a prefix of patterns, not a pattern itself */
            const unsigned char *values = self->weights + entry->values;
            Py_ssize_t index = start + entry->offset;
            for (Py_ssize_t w = 0; w < entry->count && index < slots; w++, index++)
                if (values[w] > weights[index])
                    weights[index] = values[w];
        }
    }
    if (low < 0)
        low = 0;
    if (high > slots)
        high = slots;
    long odd = 0;
    for (Py_ssize_t i = low; i < high; i++)
        odd += weights[i] & 1;
    if (weights != stack)
        PyMem_Free(weights);
    PyMem_Free(points);
    return PyLong_FromLong(odd);
}

static PyMethodDef table_methods[] = {
    {"odd", (PyCFunction)table_odd, METH_VARARGS,
     "odd(dotted, low, high): how many merged weights at low..high-1 are odd, for '.word.'."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject TableType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "lessonkit.check.kinds._hyphen_points.Table",
    .tp_basicsize = sizeof(Table),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Pyphen's plain patterns and their prefixes, for counting a word's hyphenation points.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)table_init,
    .tp_dealloc = (destructor)table_dealloc,
    .tp_methods = table_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_hyphen_points",
    .m_doc = "Pyphen's hyphenation points of a word, counted in C.",
    .m_size = -1,
};

PyMODINIT_FUNC PyInit__hyphen_points(void)
{
    if (PyType_Ready(&TableType) < 0)
        return NULL;
    PyObject *made = PyModule_Create(&module);
    if (made == NULL)
        return NULL;
    Py_INCREF(&TableType);
    if (PyModule_AddObject(made, "Table", (PyObject *)&TableType) < 0) {
        Py_DECREF(&TableType);
        Py_DECREF(made);
        return NULL;
    }
    return made;
}
