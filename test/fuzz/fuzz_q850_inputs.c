/*
 * libFuzzer target: the text a script hands the Q.850 functions (cause
 * names and digits, profile names), against what q850.h
 * promises, read here independently:
 *
 *   sipcodes_cause_of           -1, or the first cause (ascending) whose
 *                               Q.850 or FreeSWITCH name equals the text in
 *                               any ASCII case, surrounding white space
 *                               aside; both lengths count, so an embedded
 *                               NUL matches nothing;
 *   sipcodes_cause_from_digits  a plain reading of one to three ASCII
 *                               digits, else -1;
 *   sipcodes_profile_of         exactly "rfc3398" or "freeswitch".
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

static int same_ignoring_case(const uint8_t *text, size_t len, const char *s)
{
    size_t i;
    if (s == NULL || strlen(s) != len)
        return 0;
    for (i = 0; i < len; i++)
        if (fold(text[i]) != fold((uint8_t)s[i]))
            return 0;
    return 1;
}

static int expected_cause_of(const uint8_t *text, size_t len)
{
    const struct sipcodes_cause *c;
    size_t i;
    while (len > 0 && blank(text[0])) {
        text++;
        len--;
    }
    while (len > 0 && blank(text[len - 1]))
        len--;
    if (len == 0)
        return -1;
    for (i = 0; (c = sipcodes_cause_at(i)) != NULL; i++)
        if (same_ignoring_case(text, len, c->name)
            || same_ignoring_case(text, len, c->freeswitch))
            return c->cause;
    return -1;
}

static int expected_digits(const uint8_t *text, size_t len)
{
    int value = 0;
    size_t i;
    if (len < 1 || len > 3)
        return -1;
    for (i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9')
            return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

static int expected_profile(const uint8_t *text, size_t len)
{
    if (len == 7 && memcmp(text, "rfc3398", 7) == 0)
        return SIPCODES_PROFILE_RFC3398;
    if (len == 10 && memcmp(text, "freeswitch", 10) == 0)
        return SIPCODES_PROFILE_FREESWITCH;
    return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    if (sipcodes_cause_of(text, size) != expected_cause_of(data, size))
        abort();
    if (sipcodes_cause_from_digits(text, size) != expected_digits(data, size))
        abort();
    if (sipcodes_profile_of(text, size) != expected_profile(data, size))
        abort();
    return 0;
}
