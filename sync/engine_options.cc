#include "sync/engine_options.h"

#include "sync/base/status_macros.h"

namespace rasoat {

absl::Status EngineOptions::Validate() const {
  if (data_dir.empty()) return absl::InvalidArgumentError("data_dir: required");
  RETURN_IF_ERROR(rounds.Validate());
  RETURN_IF_ERROR(push.Validate());
  RETURN_IF_ERROR(pull.Validate());
  RETURN_IF_ERROR(identity.Validate());
  return publisher.Validate();
}

}  // namespace rasoat
