// Nothing: the target exists to build the tests' shared precompiled header (tests/CMakeLists.txt).
