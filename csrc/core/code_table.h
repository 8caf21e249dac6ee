/* The table itself, shared by the core only; users go through sipcodes.h. */
#ifndef SIPCODES_TABLE_H
#define SIPCODES_TABLE_H

#include "sipcodes.h"

SIPCODES_API extern const struct sipcodes_entry sipcodes_table[];
SIPCODES_API extern const size_t sipcodes_table_rows;

#endif
