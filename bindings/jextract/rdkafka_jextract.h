/* The headers jrdkafka's bindings are generated from (see bindings/README.md).
 * rdkafka_mock.h does not compile alone: it needs rdkafka.h first. */
#include "rdkafka.h"
#include "rdkafka_mock.h"
