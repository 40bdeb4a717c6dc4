/* The shared library's only own translation unit: every exported symbol comes from
 * librdkafka's static archive, linked whole (see CMakeLists.txt). */
typedef int jrdkafka_native_translation_unit;
