/* The table itself, private to the core; users go through codes.h. */
#ifndef SIPCODES_CODE_TABLE_H
#define SIPCODES_CODE_TABLE_H

#include "codes.h"

SIPCODES_API extern const struct sipcodes_entry sipcodes_table[];
SIPCODES_API extern const size_t sipcodes_table_rows;

#endif
