/*
 * libFuzzer target: phrase / constant-name lookup and the other functions
 * that turn outside text or numbers into a code.
 *
 * sipcodes_code_of must answer 0 or a known code whose phrase, a name or an
 * alias matches the text; sipcodes_from_digits must agree with a plain
 * reading of three ASCII digits; sipcodes_from_double with the integral
 * values 100-699 only.
 */
#include "sipcodes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    int code = sipcodes_code_of(text, size);
    int digits;
    if (code != 0 && sipcodes_lookup(code) == NULL)
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
