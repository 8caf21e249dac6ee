/*
 * Table queries, input normalisation, classification and formatting.
 * No allocation, no mutable state.
 */
#include "codes.h"
#include "code_table.h"
#include "text.h"

#include <string.h>

size_t sipcodes_count(void)
{
    return sipcodes_table_rows;
}

const struct sipcodes_entry *sipcodes_at(size_t i)
{
    return i < sipcodes_table_rows ? &sipcodes_table[i] : NULL;
}

/* Index of the first row whose code is >= code (rows are ascending). */
static size_t lower_bound(int code)
{
    size_t lo = 0, hi = sipcodes_table_rows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sipcodes_table[mid].code < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const struct sipcodes_entry *sipcodes_lookup(int code)
{
    size_t i;
    if (!sipcodes_is_valid(code))
        return NULL;
    i = lower_bound(code);
    if (i < sipcodes_table_rows && sipcodes_table[i].code == code)
        return &sipcodes_table[i];
    return NULL;
}

const struct sipcodes_entry *sipcodes_next(int after, int cls)
{
    size_t i;
    if (cls != 0 && (cls < 1 || cls > 6))
        return NULL;
    if (after < SIPCODES_MIN_CODE - 1)
        after = SIPCODES_MIN_CODE - 1;
    if (after >= SIPCODES_MAX_CODE)
        return NULL;
    i = lower_bound(after + 1);
    if (i >= sipcodes_table_rows)
        return NULL;
    if (cls != 0 && sipcodes_table[i].code / 100 != cls) {
        /* Ascending order: once past the class there is nothing more. */
        if (sipcodes_table[i].code / 100 > cls)
            return NULL;
        i = lower_bound(cls * 100);
        if (i >= sipcodes_table_rows || sipcodes_table[i].code / 100 != cls)
            return NULL;
    }
    return &sipcodes_table[i];
}

int sipcodes_from_digits(const char *text, size_t len)
{
    int code = 0;
    size_t i;
    if (text == NULL || len != 3)
        return 0;
    for (i = 0; i < 3; i++) {
        unsigned char c = (unsigned char)text[i];
        if (!sipcodes_text_is_digit(c))
            return 0;
        code = code * 10 + (c - '0');
    }
    return sipcodes_from_integer(code);
}

int sipcodes_code_of(const char *text, size_t len)
{
    size_t i;
    if (text == NULL)
        return 0;
    sipcodes_text_trim(&text, &len);
    if (len == 0)
        return 0;
    /* Ascending order makes the lower code win a shared phrase. */
    for (i = 0; i < sipcodes_table_rows; i++) {
        const struct sipcodes_entry *e = &sipcodes_table[i];
        const char *const *alias;
        if (sipcodes_text_ieq(text, len, e->reason)
            || sipcodes_text_ieq(text, len, e->name))
            return e->code;
        for (alias = e->aliases; *alias != NULL; alias++)
            if (sipcodes_text_ieq(text, len, *alias))
                return e->code;
    }
    return 0;
}

int sipcodes_code_of_name(const char *name, size_t len)
{
    size_t i;
    if (name == NULL)
        return 0;
    for (i = 0; i < sipcodes_table_rows; i++)
        if (sipcodes_text_equal(name, len, sipcodes_table[i].name))
            return sipcodes_table[i].code;
    return 0;
}

int sipcodes_is_known(int code)
{
    return sipcodes_lookup(code) != NULL;
}

int sipcodes_is_deprecated(int code)
{
    const struct sipcodes_entry *e = sipcodes_lookup(code);
    return e != NULL && (e->flags & SIPCODES_DEPRECATED) != 0;
}

const char *sipcodes_class_name(int cls)
{
    static const char *const names[] = {
        "provisional", "success", "redirection",
        "client_failure", "server_failure", "global_failure"
    };
    return (cls >= 1 && cls <= 6) ? names[cls - 1] : NULL;
}

const char *sipcodes_class_phrase(int cls)
{
    static const char *const phrases[] = {
        "Provisional", "Success", "Redirection",
        "Client Failure", "Server Failure", "Global Failure"
    };
    return (cls >= 1 && cls <= 6) ? phrases[cls - 1] : NULL;
}

int sipcodes_canonical(int code)
{
    if (!sipcodes_is_valid(code))
        return 0;
    if (sipcodes_lookup(code) != NULL)
        return code;
    return code < 200 ? 183 : code - code % 100;
}

size_t sipcodes_format(int code, char *buf, size_t cap)
{
    const struct sipcodes_entry *e;
    const char *phrase;
    size_t len;
    if (buf != NULL && cap > 0)
        buf[0] = '\0';
    if (!sipcodes_is_valid(code) || buf == NULL)
        return 0;
    e = sipcodes_lookup(code);
    phrase = e != NULL ? e->reason : sipcodes_class_phrase(code / 100);
    len = strlen(phrase);
    if (cap < len + 5)
        return 0;
    buf[0] = (char)('0' + code / 100);
    buf[1] = (char)('0' + code / 10 % 10);
    buf[2] = (char)('0' + code % 10);
    buf[3] = ' ';
    memcpy(buf + 4, phrase, len + 1);
    return len + 4;
}
