# Writes OUT, the C++ definition of the build's version, at each build: `git describe` of
# SOURCE_DIR when it is a git checkout (tag, commits since, commit, "-dirty" for local changes),
# else VERSION (a source tree without .git, such as the container build's). The file is replaced
# only when its text changes, so an unchanged version relinks nothing.
# cmake -DSOURCE_DIR=... -DOUT=... -DVERSION=... -DBUILD_TYPE=... -P write_build_version.cmake
set(describe "")
find_program(GIT git)
if(GIT AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT}" -C "${SOURCE_DIR}" describe --tags --always --dirty
                  OUTPUT_VARIABLE describe OUTPUT_STRIP_TRAILING_WHITESPACE
                  ERROR_QUIET RESULT_VARIABLE failed)
  if(failed)
    set(describe "")
  endif()
endif()
if(describe STREQUAL "")
  set(version "${VERSION}")
elseif(describe MATCHES "^v?[0-9]")
  set(version "${describe}")
else()
  # No tag yet: the project's version and the commit.
  set(version "${VERSION}+g${describe}")
endif()
if(BUILD_TYPE STREQUAL "")
  set(BUILD_TYPE "unspecified")
endif()
file(WRITE "${OUT}.new"
  "// Written by cmake/write_build_version.cmake at build time.\n"
  "namespace rasoat {\n"
  "extern const char kBuildVersion[] = \"${version}\";\n"
  "extern const char kBuildType[] = \"${BUILD_TYPE}\";\n"
  "}  // namespace rasoat\n")
configure_file("${OUT}.new" "${OUT}" COPYONLY)
file(REMOVE "${OUT}.new")
