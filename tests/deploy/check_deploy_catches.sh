#!/usr/bin/env bash
# Proves the deploy checks catch what they are for: on a copy of deploy/ and tests/deploy/ all
# three pass, then each fails once one thing it checks is broken — a claim that is not
# ReadWriteOncePod, a missing scrape annotation, a root pod, a writable root file system, a flag
# file without --listen, a TLS Secret of another type, the wrong PostgreSQL, an unmounted TLS
# secret, a probe on the wrong port, too little memory, a root image; a unit whose score passes
# 2.5, a misspelt unit key, DynamicUser; a broken PromQL expression, an alert that no longer
# fires, an alert without a test, a wrong rule file, a bad relabelling regex.
# Needs what the three checks need. No network.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
cases=0

fresh() {  # a pristine copy of the files the checks read
  rm -rf "$work/tree"
  mkdir -p "$work/tree/tests"
  cp -r "$root/deploy" "$work/tree/"
  cp -r "$root/tests/deploy" "$work/tree/tests/"
}

run_check() {  # run_check manifests|systemd|prometheus
  case "$1" in
    manifests) /usr/bin/python3 "$root/tests/deploy/check_manifests.py" "$work/tree" ;;
    systemd) "$root/tests/deploy/check_systemd.sh" "$work/tree" ;;
    prometheus) "$root/tests/deploy/check_prometheus.sh" "$work/tree" ;;
  esac
}

# expect_caught CHECK WHAT FILE SED-SCRIPT REASON: CHECK must fail once FILE is edited by
# SED-SCRIPT, and say REASON (a fixed string) in doing so: failing for another reason is not
# catching it.
expect_caught() {
  cases=$((cases + 1))
  fresh
  local file="$work/tree/$3"
  local before
  before=$(cat "$file")
  sed -i "$4" "$file"
  if [ "$(cat "$file")" = "$before" ]; then
    echo "FAIL: the edit for '$2' changed nothing in $3 ($4)"; failures=$((failures + 1))
    return
  fi
  local output
  if output=$(run_check "$1" 2>&1); then
    echo "FAIL: check_$1 did not catch: $2 ($3: $4)"; failures=$((failures + 1))
  elif ! printf '%s\n' "$output" | grep -qF -- "$5"; then
    echo "FAIL: check_$1 failed on '$2', but without saying '$5':"
    printf '%s\n' "$output" | sed 's/^/  /'
    failures=$((failures + 1))
  elif [ -n "${VERBOSE:-}" ]; then
    printf 'caught by check_%s: %s\n' "$1" "$2"
    printf '%s\n' "$output" | grep -F -- "$5" | head -2 | sed 's/^/  /'
  fi
}

fresh
for check in manifests systemd prometheus; do
  cases=$((cases + 1))
  if ! output=$(run_check "$check" 2>&1); then
    echo "FAIL: check_$check fails on the unchanged files:"; printf '%s\n' "$output"
    failures=$((failures + 1))
  fi
done

# check_manifests
expect_caught manifests "a claim that is not ReadWriteOncePod" \
  deploy/k8s/base/statefulset.yaml '0,/\["ReadWriteOncePod"\]/s//["ReadWriteOnce"]/' \
  'want ['\''ReadWriteOncePod'\'']'
expect_caught manifests "no prometheus.io/scrape annotation" \
  deploy/k8s/base/statefulset.yaml '/prometheus.io\/scrape:/d' \
  'annotations[prometheus.io/scrape]'
expect_caught manifests "the pod may run as root" \
  deploy/k8s/base/statefulset.yaml 's/runAsNonRoot: true/runAsNonRoot: false/' \
  'securityContext.runAsNonRoot'
expect_caught manifests "a writable root file system" \
  deploy/k8s/base/statefulset.yaml 's/readOnlyRootFilesystem: true/readOnlyRootFilesystem: false/' \
  'readOnlyRootFilesystem'
expect_caught manifests "a pod memory limit below the budget" \
  deploy/k8s/base/statefulset.yaml 's/memory: 1Gi/memory: 512Mi/' \
  'less than 1.5 x --memory_budget_mb'
expect_caught manifests "no probes" \
  deploy/k8s/base/statefulset.yaml 's/readinessProbe:/readinessProbeX:/' \
  'readinessProbe: missing'
expect_caught manifests "a province flag file without --listen" \
  deploy/k8s/bac-ninh/rasoatd.flags '/^--listen=/d' \
  'bac-ninh/rasoatd.flags: --listen: missing'
expect_caught manifests "a province TLS Secret of another type" \
  deploy/k8s/bac-ninh/tls-secret.yaml 's|type: kubernetes.io/tls|type: Opaque|' \
  'no TLS Secret for the province'
expect_caught manifests "provinces selecting each other's pods" \
  deploy/k8s/bac-ninh/kustomization.yaml 's/includeSelectors: true/includeSelectors: false/' \
  'includeSelectors'
expect_caught manifests "edge-tls probing the wrong port" \
  deploy/k8s/components/edge-tls/kustomization.yaml '/readinessProbe:/,/port:/s/port: 50051/port: 50052/' \
  'grpc.port: want 50051'
expect_caught manifests "compose with PostgreSQL 16" \
  deploy/compose.yaml 's|postgres:15|postgres:16|' \
  'services.postgres.image'
expect_caught manifests "compose not mounting the TLS key" \
  deploy/compose.yaml '/^      - rasoat_tls_key$/d' \
  ''\''rasoat_tls_key'\'' is not mounted'
expect_caught manifests "compose without rasoatd's health check" \
  deploy/compose.yaml 's|"/usr/local/bin/rasoat-healthcheck", "ready"|"true"|' \
  'does not run rasoat-healthcheck'
expect_caught manifests "an image running as root" \
  deploy/container/Containerfile 's/^USER 10001:10001/USER root/' \
  'USER: the runtime stage must run as a non-root user'
expect_caught manifests "an image without its data volume" \
  deploy/container/Containerfile 's|"/var/lib/rasoat", ||' \
  'VOLUME: no /var/lib/rasoat'
expect_caught manifests "the image's flag file listening on loopback" \
  deploy/container/rasoatd.flags 's/^--listen=0.0.0.0:50051/--listen=127.0.0.1:50051/' \
  'container/rasoatd.flags: --listen: is '\''127.0.0.1:50051'\'''

# check_systemd
expect_caught systemd "a score above 2.5 (capabilities kept)" \
  deploy/rasoatd.service '/^CapabilityBoundingSet=/d' \
  'above 2.5'
expect_caught systemd "a misspelt key (only a warning to systemd-analyze verify)" \
  deploy/rasoatd.service 's/^NoNewPrivileges=yes/NoNewPrivilege=yes/' \
  'Unknown key '\''NoNewPrivilege'\'''
expect_caught systemd "DynamicUser" \
  deploy/rasoatd.service 's/^User=rasoat/DynamicUser=yes/' \
  'DynamicUser= would give the data a new owner'
expect_caught systemd "no backup directory" \
  deploy/rasoatd.service '/^ReadWritePaths=/d' \
  'ReadWritePaths=/var/backups/rasoat'

# check_prometheus
expect_caught prometheus "a PromQL syntax error" \
  deploy/prometheus/rasoat-rules.yml 's/expr: rasoat_dead_letters > 0/expr: rasoat_dead_letters >/' \
  'rasoat-rules.yml: promtool check rules'
expect_caught prometheus "an alert that no longer fires when it should" \
  deploy/prometheus/rasoat-rules.yml 's/expr: rasoat_dead_letters > 0/expr: rasoat_dead_letters > 5/' \
  'rasoat-rules.test.yml: promtool test rules'
expect_caught prometheus "an alert without a test" \
  deploy/prometheus/rasoat-rules.yml 's/alert: RasoatDeadLetters/alert: RasoatDeadLetterz/' \
  'alerts without a test in tests/deploy/rasoat-rules.test.yml: RasoatDeadLetterz'
expect_caught prometheus "a rule file that does not exist" \
  deploy/prometheus/prometheus.yml 's/^  - rasoat-rules.yml/  - rasoat-rulez.yml/' \
  'rasoat-rulez.yml" does not point to an existing file'
expect_caught prometheus "a bad relabelling regex" \
  deploy/prometheus/prometheus.yml 's/regex: (https?)/regex: (https?/' \
  'error parsing regexp'

if [ $failures -ne 0 ]; then
  echo "check_deploy_catches: $failures of $cases cases failed"
  exit 1
fi
echo "check_deploy_catches: all $cases cases as expected"
