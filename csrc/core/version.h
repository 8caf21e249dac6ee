/* The version of sipcodes: the one place it is written.  The rockspecs,
 * the CHANGELOG, sip._VERSION and `sipcode --version` are checked against
 * it by test/suites/80-release. */
#ifndef SIPCODES_VERSION_H
#define SIPCODES_VERSION_H

#define SIPCODES_VERSION "1.0.0"

#endif
