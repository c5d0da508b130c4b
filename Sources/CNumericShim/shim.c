/* SwiftPM needs one source file in a C target; the wrappers live in the header. */
