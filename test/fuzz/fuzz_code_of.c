/*
 * libFuzzer target: the functions that turn text or numbers from a script
 * into a code, each checked against what its comment in codes.h promises,
 * by a reading written here independently:
 *
 *   sipcodes_code_of       0, or the lowest code whose phrase, constant
 *                          name or an alias equals the text in any ASCII
 *                          case once surrounding white space is gone;
 *   sipcodes_code_of_name  0, or the code whose constant name is exactly
 *                          the text;
 *   sipcodes_from_digits   a plain reading of exactly three ASCII digits;
 *   sipcodes_from_double / _from_integer   the integral values 100-699.
 */
#include "sipcodes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int blank(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static uint8_t fold(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32) : c;
}

/* text[0..len) equals the C string s, ASCII case aside? */
static int same_ignoring_case(const uint8_t *text, size_t len, const char *s)
{
    size_t i;
    if (strlen(s) != len)
        return 0;
    for (i = 0; i < len; i++)
        if (fold(text[i]) != fold((uint8_t)s[i]))
            return 0;
    return 1;
}

static int expected_code_of(const uint8_t *text, size_t len)
{
    size_t i, a;
    while (len > 0 && blank(text[0])) {
        text++;
        len--;
    }
    while (len > 0 && blank(text[len - 1]))
        len--;
    if (len == 0)
        return 0;
    for (i = 0; i < sipcodes_count(); i++) {
        const struct sipcodes_entry *e = sipcodes_at(i);
        if (same_ignoring_case(text, len, e->reason) || same_ignoring_case(text, len, e->name))
            return e->code;
        for (a = 0; e->aliases[a] != NULL; a++)
            if (same_ignoring_case(text, len, e->aliases[a]))
                return e->code;
    }
    return 0;
}

static int expected_code_of_name(const uint8_t *text, size_t len)
{
    size_t i;
    for (i = 0; i < sipcodes_count(); i++) {
        const struct sipcodes_entry *e = sipcodes_at(i);
        if (strlen(e->name) == len && memcmp(e->name, text, len) == 0)
            return e->code;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    int digits;

    if (sipcodes_code_of(text, size) != expected_code_of(data, size))
        abort();
    if (sipcodes_code_of_name(text, size) != expected_code_of_name(data, size))
        abort();

    digits = sipcodes_from_digits(text, size);
    if (size == 3 && data[0] >= '1' && data[0] <= '6'
        && data[1] >= '0' && data[1] <= '9' && data[2] >= '0' && data[2] <= '9') {
        if (digits != (data[0] - '0') * 100 + (data[1] - '0') * 10 + (data[2] - '0'))
            abort();
    } else if (digits != 0) {
        abort();
    }

    if (size >= sizeof(double)) {
        double value;
        int from;
        memcpy(&value, data, sizeof value);
        from = sipcodes_from_double(value);
        if (from != 0 && ((double)from != value || from < 100 || from > 699))
            abort();
        if (from == 0 && value >= 100 && value <= 699 && value == (double)(int)value)
            abort();
    }
    if (size >= sizeof(long long)) {
        long long value;
        int from;
        memcpy(&value, data, sizeof value);
        from = sipcodes_from_integer(value);
        if (from != ((value >= 100 && value <= 699) ? (int)value : 0))
            abort();
    }
    return 0;
}
