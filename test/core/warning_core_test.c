/*
 * Tests of the core's Warning header unit alone, without Lua: what a SIP
 * server module calling sipcodes.h relies on.  Prints "ok - ..." /
 * "not ok - ...".  Expected values come from RFC 3261 section 20.43 (its
 * grammar, its warn-code list and its examples), RFC 5630 and RFC 8373,
 * never from the core itself.
 */
#include "sipcodes.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int failures;

static void check(int cond, const char *what)
{
    printf("%s - %s\n", cond ? "ok" : "not ok", what);
    if (!cond)
        failures++;
}

/* Length taken with sizeof, so that embedded NULs count. */
#define AGENT_OK(lit) sipcodes_warn_agent_valid((lit), sizeof(lit) - 1, NULL)
#define CODE_OF(lit) sipcodes_warning_code((lit), sizeof(lit) - 1)

static void test_registry(void)
{
    /* RFC 3261 section 20.43, RFC 5630, RFC 8373. */
    static const int registered[] = {
        300, 301, 302, 303, 304, 305, 306, 307, 308, 330, 331, 370, 380, 381, 399
    };
    const struct sipcodes_warn_code *w;
    size_t i, n = sizeof registered / sizeof registered[0];
    int same = 1;

    for (i = 0; i < n; i++) {
        w = sipcodes_warn_code_at(i);
        same = same && w != NULL && w->code == registered[i]
            && sipcodes_warn_code_lookup(registered[i]) == w;
    }
    check(same, "the registry is RFC 3261's, RFC 5630's and RFC 8373's warn-codes, ascending");
    check(sipcodes_warn_code_at(n) == NULL, "nothing after 399");
    w = sipcodes_warn_code_lookup(370);
    check(w != NULL && strcmp(w->text, "Insufficient bandwidth") == 0
          && strcmp(w->rfc, "RFC 3261") == 0, "370 is Insufficient bandwidth, RFC 3261");
    w = sipcodes_warn_code_lookup(381);
    check(w != NULL && strcmp(w->text, "SIPS Required") == 0
          && strcmp(w->rfc, "RFC 5630") == 0, "381 is SIPS Required, RFC 5630");
    check(sipcodes_warn_code_lookup(342) == NULL && sipcodes_warn_code_lookup(-1) == NULL
          && sipcodes_warn_code_lookup(1370) == NULL, "unregistered values are not found");
}

static void test_inputs(void)
{
    check(sipcodes_warn_code_from_digits("370", 3) == 370
          && sipcodes_warn_code_from_digits("007", 3) == 7
          && sipcodes_warn_code_from_digits("000", 3) == 0, "three digits are a warn-code");
    check(sipcodes_warn_code_from_digits("37", 2) == -1
          && sipcodes_warn_code_from_digits("3700", 4) == -1
          && sipcodes_warn_code_from_digits("37a", 3) == -1
          && sipcodes_warn_code_from_digits("37\0", 3) == -1
          && sipcodes_warn_code_from_digits(NULL, 3) == -1, "anything else is not");
    check(sipcodes_warn_code_from_double(370.0) == 370 && sipcodes_warn_code_from_double(0.0) == 0
          && sipcodes_warn_code_from_double(370.5) == -1 && sipcodes_warn_code_from_double(NAN) == -1
          && sipcodes_warn_code_from_double(1000.0) == -1 && sipcodes_warn_code_from_double(-1.0) == -1
          && sipcodes_warn_code_from_double(INFINITY) == -1, "numbers: integral 0-999 only");
    check(sipcodes_warn_code_from_integer(999) == 999 && sipcodes_warn_code_from_integer(1000) == -1
          && sipcodes_warn_code_from_integer(-1) == -1, "integers: 0-999");
}

static void test_agents(void)
{
    struct sipcodes_error err;
    check(AGENT_OK("isi.edu") && AGENT_OK("example.com.") && AGENT_OK("example.com:5060")
          && AGENT_OK("192.0.2.1") && AGENT_OK("192.0.2.1:5060"), "hostnames and IPv4, with ports");
    check(AGENT_OK("[2001:db8::1]") && AGENT_OK("[2001:db8::1]:5061") && AGENT_OK("[::]")
          && AGENT_OK("[::ffff:192.0.2.1]") && AGENT_OK("[::1.2.3.4]")
          && AGENT_OK("[1:2:3:4:5:6:7:8]") && AGENT_OK("[1:2:3:4:5:6:7::]")
          && AGENT_OK("[1::]"), "IPv6 references (RFC 5954's rule)");
    check(AGENT_OK("gw_1") && AGENT_OK("a!b~c") && AGENT_OK("1.2.3.4.5"), "pseudonyms (tokens)");
    check(!AGENT_OK("") && !AGENT_OK("gw 1") && !AGENT_OK("gw\r\n") && !AGENT_OK("gw,1")
          && !AGENT_OK("gw\"") && !AGENT_OK("gw\0") && !AGENT_OK("gw:") && !AGENT_OK("gw:5a")
          && !AGENT_OK(":5060"), "no blanks, quotes, commas, NULs, bad ports");
    check(!AGENT_OK("[::1") && !AGENT_OK("[::1]x") && !AGENT_OK("[1:2:3]")
          && !AGENT_OK("[1::2::3]") && !AGENT_OK("[12345::1]") && !AGENT_OK("[::1.2.3]")
          && !AGENT_OK("[1:2:3:4:5:6:7:8:9]") && !AGENT_OK("[1:2:3:4:5:6:7:8::]")
          && !AGENT_OK("[:1::]") && !AGENT_OK("[1:]"), "no malformed IPv6 references");
    /* RFC 3986's IPv4address inside one: dec-octet, 0-255, no leading zero */
    check(AGENT_OK("[::255.255.255.255]") && AGENT_OK("[::0.0.0.0]") && AGENT_OK("[::10.0.0.1]"),
          "dotted parts with dec-octets");
    check(!AGENT_OK("[::1.2.3.999]") && !AGENT_OK("[::256.1.1.1]") && !AGENT_OK("[::01.2.3.4]")
          && !AGENT_OK("[::1.2.3.00]") && !AGENT_OK("[::1.2.3.4.5]"),
          "no dotted part above 255 or with a leading zero");
    check(!AGENT_OK("1.2.3.999:5060") && !AGENT_OK("01.2.3.4:5060") && AGENT_OK("10.2.3.255:5060"),
          "a bare IPv4address with a port follows the same rule");
    check(!AGENT_OK("-gw:5060") && !AGENT_OK("gw-:5060") && !AGENT_OK("a..b:5060")
          && !AGENT_OK("1.2.3.4.5:5060") && !AGENT_OK("gw_1:5060"),
          "a host with a port follows the hostname rule");
    check(!sipcodes_warn_agent_valid("gw:5a", 5, &err) && err.offset == 4,
          "the error says where: at the bad port digit");
    /* Exactly len bytes: the ':' after them is not read. */
    check(sipcodes_warn_agent_valid("gw:", 2, NULL), "only the given bytes are read");
}

static void test_walk(void)
{
    static const char rfc[] = "307 isi.edu \"Session parameter 'foo' not understood\"";
    static const char two[] = "370 gw1:5060 \"a \\\"b\\\"\" ,\t399 [::1] \"x\"";
    char text[64];
    struct sipcodes_warning_iter it;
    struct sipcodes_warning w;
    struct sipcodes_error err;
    size_t n;

    sipcodes_warning_iter_init(&it, rfc, sizeof rfc - 1);
    check(sipcodes_warning_next(&it, &w, &err) == 1 && w.code == 307
          && w.agent_len == 7 && memcmp(w.agent, "isi.edu", 7) == 0
          && w.text_len == 38 && memcmp(w.text, "Session parameter 'foo' not understood", 38) == 0,
          "RFC 3261's example: code, agent and text");
    check(sipcodes_warning_next(&it, &w, &err) == 0, "... and then the end");

    sipcodes_warning_iter_init(&it, two, sizeof two - 1);
    check(sipcodes_warning_next(&it, &w, NULL) == 1 && w.code == 370, "first of two");
    n = sipcodes_unquote(w.text, w.text_len, text);
    check(n == 5 && memcmp(text, "a \"b\"", 5) == 0, "its text unquotes");
    check(sipcodes_warning_next(&it, &w, NULL) == 1 && w.code == 399
          && w.agent_len == 5, "second of two, an IPv6 agent");
    check(sipcodes_warning_next(&it, &w, NULL) == 0, "then the end");

    /* A counted buffer: the bytes after len are never looked at. */
    sipcodes_warning_iter_init(&it, "399 gw \"x\"garbage", 10);
    check(sipcodes_warning_next(&it, &w, NULL) == 1 && sipcodes_warning_next(&it, &w, NULL) == 0,
          "a value cut at len parses without what follows");
    sipcodes_warning_iter_init(&it, "399 gw \"x\"", 9);
    check(sipcodes_warning_next(&it, &w, &err) == -1 && err.offset == 9
          && strcmp(err.message, "unterminated quoted-string") == 0,
          "a quote just past len is not seen");
    check(sipcodes_warning_next(&it, &w, NULL) == -1, "a failed walk keeps failing");

    sipcodes_warning_iter_init(&it, "399 gw \"a\x80\"", 11);
    check(sipcodes_warning_next(&it, &w, &err) == -1 && err.offset == 9,
          "a lone UTF-8 continuation byte is not qdtext");
    sipcodes_warning_iter_init(&it, "399 gw \"\xf8\x88\x80\x80\x80\"", 14);
    check(sipcodes_warning_next(&it, &w, &err) == -1 && err.offset == 8,
          "the ABNF's 5-byte UTF8-NONASCII is no RFC 3629 UTF-8");
    sipcodes_warning_iter_init(&it, "399 gw \"\xc0\x80\"", 11);
    check(sipcodes_warning_next(&it, &w, NULL) == -1, "nor is an overlong NUL");
    sipcodes_warning_iter_init(&it, "399 gw \"\\\0\"", 11);
    check(sipcodes_warning_next(&it, &w, &err) == -1 && err.offset == 8,
          "a quoted-pair may not escape NUL: the text would hold it");
    sipcodes_warning_iter_init(&it, "399 gw \"\\\t\\\"\"", 13);
    check(sipcodes_warning_next(&it, &w, NULL) == 1 && w.text_len == 4,
          "it may escape HTAB and '\"'");

    /* warn-code SP warn-agent SP warn-text, the warn-text's quoted-string
     * starting with SWS: linear white space may follow either SP. */
    sipcodes_warning_iter_init(&it, "370 gw1  \"x\"", 12);
    check(sipcodes_warning_next(&it, &w, NULL) == 1 && w.agent_len == 3,
          "two SP before the warn-text");
    sipcodes_warning_iter_init(&it, "370  gw1 \"x\"", 12);
    check(sipcodes_warning_next(&it, &w, NULL) == 1 && w.agent_len == 3
          && memcmp(w.agent, "gw1", 3) == 0, "two SP before the warn-agent, alike");
    sipcodes_warning_iter_init(&it, "370 \r\n gw1 \"x\"", 14);
    check(sipcodes_warning_next(&it, &w, NULL) == 1, "a folded line after the first SP");
    sipcodes_warning_iter_init(&it, "370\tgw1 \"x\"", 11);
    check(sipcodes_warning_next(&it, &w, &err) == -1 && err.offset == 3,
          "the first blank must be SP, before the agent ...");
    sipcodes_warning_iter_init(&it, "370 gw1\t\"x\"", 11);
    check(sipcodes_warning_next(&it, &w, &err) == -1 && err.offset == 7,
          "... and before the text");
    sipcodes_warning_iter_init(&it, NULL, 5);
    check(sipcodes_warning_next(&it, &w, NULL) == -1, "NULL text is an empty value");
}

static void test_build(void)
{
    char buf[128];
    size_t need;
    struct sipcodes_error err;

    check(sipcodes_warning_format(370, "example.com", 11, "Insufficient bandwidth", 22,
                                  buf, sizeof buf, &need, NULL)
          && strcmp(buf, "370 example.com \"Insufficient bandwidth\"") == 0 && need == strlen(buf),
          "builds warn-code SP warn-agent SP warn-text");
    check(sipcodes_warning_format(7, "gw", 2, "say \"hi\" \\", 10, buf, sizeof buf, &need, NULL)
          && strcmp(buf, "007 gw \"say \\\"hi\\\" \\\\\"") == 0,
          "three digits always; '\"' and '\\' as quoted-pairs");
    check(sipcodes_warning_format(370, "gw", 2, "x", 1, NULL, 0, &need, NULL) && need == 10,
          "counts what it needs without a buffer");
    check(sipcodes_warning_format(370, "gw", 2, "x", 1, buf, 4, &need, NULL) && need == 10
          && strcmp(buf, "370") == 0, "writes what fits, NUL-terminated");
    check(!sipcodes_warning_format(1000, "gw", 2, "x", 1, buf, sizeof buf, &need, &err)
          && !sipcodes_warning_format(-1, "gw", 2, "x", 1, buf, sizeof buf, &need, NULL),
          "refuses what is not a warn-code");
    check(!sipcodes_warning_format(370, "g w", 3, "x", 1, buf, sizeof buf, &need, NULL)
          && !sipcodes_warning_format(370, "gw", 2, "a\r\nb", 4, buf, sizeof buf, &need, NULL)
          && !sipcodes_warning_format(370, "gw", 2, "\x80", 1, buf, sizeof buf, &need, NULL)
          && !sipcodes_warning_format(370, "gw", 2, NULL, 0, buf, sizeof buf, &need, NULL),
          "refuses an agent or a text that could break the header");
}

static void test_warning_code(void)
{
    check(CODE_OF("370") == 370 && CODE_OF("007") == 7, "a warn-code alone");
    check(CODE_OF("370 gw \"x\"") == 370 && CODE_OF("399 a \"x\", 370 b \"y\"") == 399,
          "a header value: its first warning");
    check(CODE_OF("370 gw") == -1 && CODE_OF(" 370") == -1 && CODE_OF("370 ") == -1
          && CODE_OF("370 gw \"x\", bad") == -1 && CODE_OF("") == -1 && CODE_OF("37") == -1,
          "anything malformed gives none");
    check(sipcodes_warning_code(NULL, 3) == -1, "NULL gives none");
}

int main(void)
{
    test_registry();
    test_inputs();
    test_agents();
    test_walk();
    test_build();
    test_warning_code();
    return failures != 0;
}
