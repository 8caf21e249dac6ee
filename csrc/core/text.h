/* Character classes and comparisons shared by the core files; private to
 * the core.  Every comparison of outside text takes its length: an
 * embedded NUL is an ordinary byte that matches nothing. */
#ifndef SIPCODES_TEXT_H
#define SIPCODES_TEXT_H

#include <stddef.h>

static inline int sipcodes_text_is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static inline int sipcodes_text_is_hex(unsigned char c)
{
    return sipcodes_text_is_digit(c) || (c >= 'a' && c <= 'f')
        || (c >= 'A' && c <= 'F');
}

static inline int sipcodes_text_is_alnum(unsigned char c)
{
    return sipcodes_text_is_digit(c) || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z');
}

static inline unsigned char sipcodes_text_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

/* The controls that could break or forge a message: every byte below
 * 0x20 but HTAB, and DEL.  No text the module reads or writes holds one. */
static inline int sipcodes_text_is_control(unsigned char c)
{
    return (c < 0x20 && c != '\t') || c == 0x7F;
}

/* RFC 3261 section 25.1 token characters. */
static inline int sipcodes_text_is_token(unsigned char c)
{
    if (sipcodes_text_is_alnum(c))
        return 1;
    switch (c) {
    case '-': case '.': case '!': case '%': case '*': case '_': case '+':
    case '`': case '\'': case '~':
        return 1;
    default:
        return 0;
    }
}

/* Whole-text ASCII case-insensitive equality of a counted text with a
 * NUL-terminated string. */
static inline int sipcodes_text_ieq(const char *text, size_t len,
                                    const char *want)
{
    size_t i;
    for (i = 0; i < len; i++) {
        unsigned char w = (unsigned char)want[i];
        if (w == '\0' || sipcodes_text_lower((unsigned char)text[i])
                             != sipcodes_text_lower(w))
            return 0;
    }
    return want[len] == '\0';
}

/* Whole-text exact equality of a counted text with a NUL-terminated
 * string. */
static inline int sipcodes_text_equal(const char *text, size_t len,
                                      const char *want)
{
    size_t i;
    for (i = 0; i < len; i++)
        if (want[i] == '\0' || text[i] != want[i])
            return 0;
    return want[len] == '\0';
}

/* ASCII white space: what a lookup by name ignores around the name. */
static inline int sipcodes_text_is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v'
        || c == '\f';
}

/* Narrows *text / *len to the text without surrounding white space. */
static inline void sipcodes_text_trim(const char **text, size_t *len)
{
    while (*len > 0 && sipcodes_text_is_blank((unsigned char)(*text)[0])) {
        (*text)++;
        (*len)--;
    }
    while (*len > 0 && sipcodes_text_is_blank((unsigned char)(*text)[*len - 1]))
        (*len)--;
}

#endif
