/*
 * The sentence split of an ASCII part, in C (lessonkit.check._ascii_sentences).
 *
 * Why C: every part of a document is split into sentences once (`sentences._kept`), and readability,
 * sentence length, the grammar layer and the classifier all read that split. On the bench's megabyte
 * of prose (5,300 parts, 9,500 sentences) the split in Python cost about 0.05 s of the checker's 1.1 s:
 * two regex passes for the cuts, a search and a findall of words per sentence, a join of its words.
 * Here one pass over the characters does the same. `sentences._sentences` in Python stays the
 * definition; tests/test_sentences_compiled.py holds the two equal on generated text and on every
 * part of the curriculum, the examples and the bench's kind of prose.
 *
 * `split(plain, raw, sentence_type)` returns `(sentences, words)` as `_sentences` and its word list
 * give them, each a tuple: `sentence_type(start, text, words)` for each sentence, and every word of the
 * part. It returns None, and Python splits, unless both texts are ASCII and of one length (a part's
 * `raw` and `plain` are: `plain` blanks markup in place), so that only ASCII's meanings matter:
 *
 *   - a cut after a run of . ! ? and then of " ' ) ] that whitespace or the end follows
 *     (`_END`, `[.!?؟۔]+["')\]]*(?=\s|$)`: on ASCII text its marks are . ! ?);
 *   - a cut at a line break of `raw` that a list item, a quiz line, a heading, a blank line or the
 *     end follows, after spaces and tabs (`_NEW_ITEM`);
 *   - a word is letters A-Z a-z, with inner ' or - between letters (`_ASCII_WORD`);
 *   - whitespace is what `str.isspace` says of ASCII: \t \n \v \f \r, \x1c-\x1f and the space
 *     (the meaning of `\s` and of `str.split()` on str).
 *
 * Input is untrusted (any lesson, translation or file given to `check`): lengths are Python's own, one
 * flag byte per character is allocated and freed on every path, and the work is linear in the length.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static inline int is_letter(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

static inline int is_space(unsigned char c) { return (c >= 9 && c <= 13) || (c >= 28 && c <= 32); }

static inline int is_end_mark(unsigned char c) { return c == '.' || c == '!' || c == '?'; }

static inline int is_closer(unsigned char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }

static inline int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* `_END`: cut[k] for the end k of each match. A failed try at i fails at every later mark of its run (same
 * run end, same closers, same character after them), so trying every position is the regex's own search. */
static void end_cuts(const unsigned char *text, Py_ssize_t n, char *cut)
{
    Py_ssize_t i = 0;
    while (i < n) {
        if (!is_end_mark(text[i])) {
            i++;
            continue;
        }
        Py_ssize_t k = i;
        while (k < n && is_end_mark(text[k]))
            k++;
        while (k < n && is_closer(text[k]))
            k++;
        if (k == n || is_space(text[k])) {
            cut[k] = 1;
            i = k; /* finditer goes on after a match (never empty here) */
        } else {
            i++;
        }
    }
}

/* `_NEW_ITEM`: `\n(?=[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|[QA]:|#|\n|$))`, cut at the line break. Giving back a
 * space or a tab never lets an alternative match (none begins with one), nor a digit (`[.)]` is no digit). */
static void item_cuts(const unsigned char *text, Py_ssize_t n, char *cut)
{
    for (Py_ssize_t at = 0; at < n; at++) {
        if (text[at] != '\n')
            continue;
        Py_ssize_t q = at + 1;
        while (q < n && (text[q] == ' ' || text[q] == '\t'))
            q++;
        int item = 0;
        if (q == n || text[q] == '\n' || text[q] == '#') {
            item = 1;
        } else if ((text[q] == 'Q' || text[q] == 'A') && q + 1 < n && text[q + 1] == ':') {
            item = 1;
        } else if ((text[q] == '-' || text[q] == '*' || text[q] == '+') && q + 1 < n &&
                   (text[q + 1] == ' ' || text[q + 1] == '\t')) {
            item = 1;
        } else if (is_digit(text[q])) {
            Py_ssize_t d = q;
            while (d < n && is_digit(text[d]))
                d++;
            item = d + 1 < n && (text[d] == '.' || text[d] == ')') && (text[d + 1] == ' ' || text[d + 1] == '\t');
        }
        if (item)
            cut[at] = 1;
    }
}

/* The end of the word that starts at `at` (a letter), reading no further than `stop`. */
static inline Py_ssize_t word_end(const unsigned char *text, Py_ssize_t at, Py_ssize_t stop)
{
    Py_ssize_t e = at;
    for (;;) {
        while (e < stop && is_letter(text[e]))
            e++;
        if (e + 1 < stop && (text[e] == '\'' || text[e] == '-') && is_letter(text[e + 1])) {
            e++;
            continue;
        }
        return e;
    }
}

/* `" ".join(text[start:stop].split())`, as a new str (`buffer` holds at least stop - start bytes). */
static PyObject *joined(const unsigned char *text, Py_ssize_t start, Py_ssize_t stop, char *buffer)
{
    Py_ssize_t size = 0;
    for (Py_ssize_t i = start; i < stop;) {
        while (i < stop && is_space(text[i]))
            i++;
        if (i == stop)
            break;
        if (size > 0)
            buffer[size++] = ' ';
        while (i < stop && !is_space(text[i]))
            buffer[size++] = (char)text[i++];
    }
    return PyUnicode_DecodeASCII(buffer, size, NULL);
}

/* `sentence_type(start, text, words)`, made as `tuple.__new__(sentence_type, ...)` makes it. */
static PyObject *sentence(PyTypeObject *type, Py_ssize_t first, PyObject *text, Py_ssize_t words)
{
    PyObject *items = Py_BuildValue("(nOn)", first, text, words);
    if (items == NULL)
        return NULL;
    PyObject *args = PyTuple_Pack(1, items);
    Py_DECREF(items);
    if (args == NULL)
        return NULL;
    PyObject *made = PyTuple_Type.tp_new(type, args, NULL);
    Py_DECREF(args);
    return made;
}

/* One piece [start, stop): appends its sentence (if it holds a word) and its words. */
static int piece(PyObject *plain, const unsigned char *text, Py_ssize_t start, Py_ssize_t stop, PyTypeObject *type,
                 char *buffer, PyObject *sentences, PyObject *words)
{
    Py_ssize_t i = start;
    while (i < stop && !is_letter(text[i]))
        i++;
    if (i == stop)
        return 0;
    Py_ssize_t first = i, count = 0;
    while (i < stop) {
        Py_ssize_t e = word_end(text, i, stop);
        PyObject *word = PyUnicode_Substring(plain, i, e);
        if (word == NULL || PyList_Append(words, word) < 0) {
            Py_XDECREF(word);
            return -1;
        }
        Py_DECREF(word);
        count++;
        i = e;
        while (i < stop && !is_letter(text[i]))
            i++;
    }
    PyObject *said = joined(text, start, stop, buffer);
    if (said == NULL)
        return -1;
    PyObject *made = sentence(type, first, said, count);
    Py_DECREF(said);
    if (made == NULL || PyList_Append(sentences, made) < 0) {
        Py_XDECREF(made);
        return -1;
    }
    Py_DECREF(made);
    return 0;
}

static PyObject *split(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *plain, *raw;
    PyTypeObject *type;
    if (!PyArg_ParseTuple(args, "UUO!:split", &plain, &raw, &PyType_Type, &type))
        return NULL;
    if (!PyType_IsSubtype(type, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "split: sentence_type must be a subclass of tuple");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(plain);
    if (!PyUnicode_IS_ASCII(plain) || !PyUnicode_IS_ASCII(raw) || PyUnicode_GET_LENGTH(raw) != n)
        Py_RETURN_NONE;
    const unsigned char *text = PyUnicode_1BYTE_DATA(plain);
    char *cut = PyMem_Calloc((size_t)n + 1, 1);
    char *buffer = PyMem_Malloc((size_t)n + 1);
    PyObject *sentences = PyList_New(0), *words = PyList_New(0), *result = NULL;
    if (cut == NULL || buffer == NULL || sentences == NULL || words == NULL) {
        if (!PyErr_Occurred())
            PyErr_NoMemory();
        goto done;
    }
    end_cuts(text, n, cut);
    item_cuts(PyUnicode_1BYTE_DATA(raw), n, cut);
    cut[n] = 1; /* the last piece ends at the end */
    Py_ssize_t start = 0;
    for (Py_ssize_t at = 0; at <= n; at++) {
        if (!cut[at])
            continue;
        if (piece(plain, text, start, at, type, buffer, sentences, words) < 0)
            goto done;
        start = at;
    }
    PyObject *sentence_tuple = PyList_AsTuple(sentences), *word_tuple = PyList_AsTuple(words);
    if (sentence_tuple != NULL && word_tuple != NULL)
        result = PyTuple_Pack(2, sentence_tuple, word_tuple);
    Py_XDECREF(sentence_tuple);
    Py_XDECREF(word_tuple);
done:
    PyMem_Free(cut);
    PyMem_Free(buffer);
    Py_XDECREF(sentences);
    Py_XDECREF(words);
    return result;
}

static PyMethodDef methods[] = {
    {"split", split, METH_VARARGS,
     "split(plain, raw, sentence_type) -> (sentences, words), or None unless both texts are ASCII of one length."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_ascii_sentences", "The sentence split of an ASCII part (see sentences.py).", -1, methods,
};

PyMODINIT_FUNC PyInit__ascii_sentences(void) { return PyModule_Create(&module); }
