#include "tests/e2e/postgres_cluster.h"

#include <cstdio>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include <sys/stat.h>
#include <unistd.h>

namespace rasoat::testing {
namespace {

constexpr char kBin[] = "/usr/lib/postgresql/15/bin";

}  // namespace

PostgresCluster::PostgresCluster(std::string dir)
    : dir_(std::move(dir)),
      uri_(absl::StrCat("postgresql:///rasoat?host=", dir_, "&user=postgres")) {}

PostgresCluster::~PostgresCluster() {
  if (running_) (void)Stop();
}

absl::StatusOr<std::unique_ptr<PostgresCluster>> PostgresCluster::Create(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return absl::InternalError(absl::StrCat("mkdir ", dir, ": ", error.message()));
  if (geteuid() == 0) {
    // The postgres user must reach the directory: open up its parents (temp dirs are 0700) and
    // hand it the directory itself.
    for (std::filesystem::path p = std::filesystem::path(dir).parent_path(); p.has_relative_path();
         p = p.parent_path()) {
      struct stat info;
      if (stat(p.c_str(), &info) == 0 && (info.st_mode & S_IXOTH) == 0) {
        chmod(p.c_str(), info.st_mode | S_IXOTH);
      }
    }
    const std::string chown = absl::StrCat("chown postgres:postgres '", dir, "'");
    if (std::system(chown.c_str()) != 0) return absl::InternalError(chown + " failed");
  }
  auto cluster = std::unique_ptr<PostgresCluster>(new PostgresCluster(dir));
  if (absl::Status status = cluster->Run(
          absl::StrCat(kBin, "/initdb -D '", dir, "/data' -A trust -U postgres --no-sync"));
      !status.ok()) {
    return status;
  }
  if (absl::Status status = cluster->Start(); !status.ok()) return status;
  if (absl::Status status =
          cluster->Run(absl::StrCat(kBin, "/createdb -h '", dir, "' -U postgres rasoat"));
      !status.ok()) {
    return status;
  }
  return cluster;
}

absl::Status PostgresCluster::Start() {
  absl::Status status = Run(
      absl::StrCat(kBin, "/pg_ctl -D '", dir_, "/data' -l '", dir_,
                   "/server.log' -w -t 60 -o \"-c listen_addresses='' -c unix_socket_directories='",
                   dir_, "' -c fsync=off\" start"));
  running_ = running_ || status.ok();
  return status;
}

absl::Status PostgresCluster::Stop() {
  absl::Status status =
      Run(absl::StrCat(kBin, "/pg_ctl -D '", dir_, "/data' -m fast -w -t 60 stop"));
  if (status.ok()) running_ = false;
  return status;
}

absl::Status PostgresCluster::Run(const std::string& command) const {
  // Quoted once more for runuser's shell; paths here never contain a double quote.
  const std::string full =
      geteuid() == 0 ? absl::StrCat("runuser -u postgres -- sh -c \"",
                                    absl::StrReplaceAll(command, {{"\"", "\\\""}}), "\" 2>&1")
                     : absl::StrCat(command, " 2>&1");
  FILE* pipe = popen(full.c_str(), "r");
  if (pipe == nullptr) return absl::InternalError(absl::StrCat("cannot run ", command));
  std::string output;
  char buffer[512];
  while (fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = pclose(pipe);
  if (status != 0) {
    return absl::InternalError(absl::StrCat(command, " failed (", status, "): ", output));
  }
  return absl::OkStatus();
}

}  // namespace rasoat::testing
