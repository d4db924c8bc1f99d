// Nothing: the target exists to build the components' shared precompiled header (CMakeLists.txt).
