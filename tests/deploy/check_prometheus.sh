#!/usr/bin/env bash
# Checks deploy/prometheus: check_prometheus.sh [ROOT] (ROOT: the repository, by default the
# one holding this script).
#   - `promtool check rules` on rasoat-rules.yml (syntax, PromQL, annotation templates);
#   - `promtool check config` on prometheus.yml. Debian's promtool is built without Kubernetes
#     discovery and refuses kubernetes_sd_configs; then the file is checked again with that
#     section replaced by a static target, so everything else in it (TLS, relabelling, the rule
#     file) is still checked;
#   - `promtool test rules` on tests/deploy/rasoat-rules.test.yml: each alert fires on the
#     series it is for and not on healthy ones. It runs against a copy of the rules without
#     annotations (promtool compares them word for word; the first check covers them), and
#     every alert of the rules must have a test there.
# Needs promtool (Debian package prometheus) and /usr/bin/python3 with yaml (python3-yaml).
# No network.
set -uo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
prom=$root/deploy/prometheus
rules_test=$root/tests/deploy/rasoat-rules.test.yml
python=/usr/bin/python3
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

if ! command -v promtool >/dev/null; then
  echo "FAIL: promtool is not installed (Debian package prometheus)"
  exit 1
fi
if ! "$python" -c 'import yaml' 2>/dev/null; then
  echo "FAIL: $python cannot import yaml (Debian package python3-yaml)"
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. The rules as written.
if ! output=$(promtool check rules "$prom/rasoat-rules.yml" 2>&1); then
  fail "deploy/prometheus/rasoat-rules.yml: promtool check rules:"
  printf '%s\n' "$output" | sed 's/^/  /'
fi

# 2. The example configuration.
if ! output=$(promtool check config "$prom/prometheus.yml" 2>&1); then
  if printf '%s\n' "$output" | grep -q 'field kubernetes_sd_configs not found'; then
    mkdir -p "$work/config"
    cp "$prom/rasoat-rules.yml" "$work/config/"
    "$python" - "$prom/prometheus.yml" "$work/config/prometheus.yml" <<'EOF'
import sys, yaml
config = yaml.safe_load(open(sys.argv[1]))
for job in config.get("scrape_configs", []):
    if job.pop("kubernetes_sd_configs", None) is not None:
        job["static_configs"] = [{"targets": ["10.0.0.1:8080"]}]
yaml.safe_dump(config, open(sys.argv[2], "w"))
EOF
    if ! output=$(promtool check config "$work/config/prometheus.yml" 2>&1); then
      fail "deploy/prometheus/prometheus.yml (kubernetes_sd_configs replaced): promtool check config:"
      printf '%s\n' "$output" | sed 's/^/  /'
    else
      echo "check_prometheus: prometheus.yml valid (this promtool has no Kubernetes discovery:" \
        "kubernetes_sd_configs checked as a static target)"
    fi
  else
    fail "deploy/prometheus/prometheus.yml: promtool check config:"
    printf '%s\n' "$output" | sed 's/^/  /'
  fi
fi

# 3. The alerts' unit tests, on the rules without annotations.
mkdir -p "$work/test"
cp "$rules_test" "$work/test/"
if ! output=$("$python" - "$prom/rasoat-rules.yml" "$rules_test" "$work/test/rasoat-rules.yml" 2>&1 <<'EOF'
import sys, yaml
rules = yaml.safe_load(open(sys.argv[1]))
tests = yaml.safe_load(open(sys.argv[2]))
alerts = []
for group in rules["groups"]:
    for rule in group["rules"]:
        rule.pop("annotations", None)
        if "alert" in rule:
            alerts.append(rule["alert"])
tested = {case["alertname"] for test in tests["tests"] for case in test.get("alert_rule_test", [])}
untested = [a for a in alerts if a not in tested]
if untested:
    sys.exit("alerts without a test in tests/deploy/rasoat-rules.test.yml: " + ", ".join(untested))
yaml.safe_dump(rules, open(sys.argv[3], "w"))
EOF
); then
  fail "$output"
elif ! output=$(cd "$work/test" && promtool test rules rasoat-rules.test.yml 2>&1); then
  fail "tests/deploy/rasoat-rules.test.yml: promtool test rules:"
  printf '%s\n' "$output" | sed 's/^/  /'
fi

if [ $failures -ne 0 ]; then
  echo "check_prometheus: $failures failed"
  exit 1
fi
echo "check_prometheus: OK"
