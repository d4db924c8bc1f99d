#!/usr/bin/python3
"""Checks the deployment files against what rasoatd needs to run: check_manifests.py [ROOT].

ROOT is the repository (by default the one holding this script). Reads, without a cluster or a
container engine:
  deploy/compose.yaml             rasoatd and PostgreSQL 15, volumes, health checks, TLS secrets
  deploy/k8s/**/kustomization.yaml and every file they name: the StatefulSet (one replica,
                                  ReadWriteOncePod claims, probes, scrape annotations, non-root,
                                  read-only root, memory for --memory_budget_mb), the Service,
                                  the flag files of the ConfigMaps, the TLS Secret, and the
                                  edge-tls component's native gRPC probes
  deploy/container/Containerfile  the build and runtime stages, user, volumes, ports, health
Prints one line per problem, naming the file and the field, and exits 1 if there is any.
Needs /usr/bin/python3 with yaml (Debian package python3-yaml). No network.
"""
import os
import re
import sys

import yaml

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                       os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PROBLEMS = []
MEMORY_LIMITS = []   # (path, field, bytes) of each StatefulSet's rasoatd container
MEMORY_BUDGETS = []  # (path, MiB) of each pod flag file's --memory_budget_mb

GRPC_PORT = 50051
HTTP_PORT = 8080
DATA_DIR = "/var/lib/rasoat"
BACKUP_DIR = "/var/backups/rasoat"


def rel(path):
    return os.path.relpath(path, ROOT)


def problem(path, field, message):
    PROBLEMS.append(f"{rel(path)}: {field}: {message}")


def get(obj, dotted, default=None):
    """obj's value at a.b.c (keys only), or default."""
    for key in dotted.split("."):
        if not isinstance(obj, dict) or key not in obj:
            return default
        obj = obj[key]
    return obj


def load_all(path):
    try:
        with open(path, encoding="utf-8") as f:
            return [doc for doc in yaml.safe_load_all(f) if doc is not None]
    except (OSError, yaml.YAMLError) as error:
        problem(path, "(file)", f"cannot be read as YAML: {error}")
        return []


def read_flags(path, field):
    """The --name=value lines of a flag file, as a dict."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as error:
        problem(path, field, f"cannot be read: {error}")
        return {}
    flags = {}
    for line in lines:
        line = line.strip()
        if line.startswith("--"):
            name, _, value = line[2:].partition("=")
            flags[name] = value
    return flags


def check_flags(path, flags, where):
    """The flags every containerised rasoatd needs (container image, Kubernetes)."""
    expect = {
        "listen": f"0.0.0.0:{GRPC_PORT}",
        "http_listen": f"0.0.0.0:{HTTP_PORT}",
        "data_dir": DATA_DIR,
        "backup_dir": BACKUP_DIR,
    }
    for name, value in expect.items():
        if name not in flags:
            problem(path, f"--{name}", f"missing ({where} needs --{name}={value})")
        elif flags[name] != value:
            problem(path, f"--{name}", f"is {flags[name]!r}, want {value!r}")
    # Off loopback rasoatd needs a certificate, or the operator's explicit choice.
    if not flags.get("tls_cert_file") and "allow_insecure_non_loopback" not in flags:
        problem(path, "--tls_cert_file", "missing: a non-loopback --listen needs TLS")
    budget = flags.get("memory_budget_mb")
    if budget is None:
        problem(path, "--memory_budget_mb", "missing")
    elif not budget.isdigit():
        problem(path, "--memory_budget_mb", f"{budget!r} is not a number of MiB")
    elif where == "the pod":
        MEMORY_BUDGETS.append((path, int(budget)))


def quantity_bytes(text):
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?", str(text))
    if not match:
        return None
    scale = {None: 1, "Ki": 1 << 10, "Mi": 1 << 20, "Gi": 1 << 30, "Ti": 1 << 40,
             "k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}[match.group(2)]
    return float(match.group(1)) * scale


# --- compose.yaml

def check_compose():
    path = os.path.join(ROOT, "deploy", "compose.yaml")
    docs = load_all(path)
    if not docs:
        problem(path, "(file)", "missing or empty")
        return
    compose = docs[0]
    services = compose.get("services") or {}
    rasoatd = services.get("rasoatd")
    postgres = services.get("postgres")
    if not rasoatd:
        problem(path, "services.rasoatd", "missing")
        return
    if not postgres:
        problem(path, "services.postgres", "missing")
        return
    image = str(postgres.get("image", ""))
    if not re.search(r"(^|/)postgres:15(\.|$|-)", image):
        problem(path, "services.postgres.image", f"is {image!r}, want postgres:15")
    for name, service in (("rasoatd", rasoatd), ("postgres", postgres)):
        test = get(service, "healthcheck.test")
        if not test:
            problem(path, f"services.{name}.healthcheck.test", "missing")
    if "rasoat-healthcheck" not in " ".join(map(str, get(rasoatd, "healthcheck.test") or [])):
        problem(path, "services.rasoatd.healthcheck.test", "does not run rasoat-healthcheck")
    if get(rasoatd, "depends_on.postgres.condition") != "service_healthy":
        problem(path, "services.rasoatd.depends_on.postgres.condition", "want service_healthy")
    volumes = [str(v) for v in rasoatd.get("volumes") or []]
    for target in (DATA_DIR, BACKUP_DIR):
        if not any(v.split(":")[1:2] == [target] for v in volumes):
            problem(path, "services.rasoatd.volumes", f"no named volume mounted at {target}")
    for v in volumes:
        name = v.split(":")[0]
        if not name.startswith((".", "/")) and name not in (compose.get("volumes") or {}):
            problem(path, "volumes", f"{name!r} is used by rasoatd but not declared")
    if not any(v.startswith(("program-store:", "pgdata:")) or ":/var/lib/postgresql/data" in v
               for v in map(str, postgres.get("volumes") or [])):
        problem(path, "services.postgres.volumes", "no volume at /var/lib/postgresql/data")
    ports = " ".join(map(str, rasoatd.get("ports") or []))
    for port in (GRPC_PORT, HTTP_PORT):
        if f":{port}" not in ports:
            problem(path, "services.rasoatd.ports", f"does not publish {port}")
    command = [str(c) for c in rasoatd.get("command") or []]
    flags = dict(c[2:].partition("=")[::2] for c in command if c.startswith("--"))
    secrets = rasoatd.get("secrets") or []
    secret_names = [s if isinstance(s, str) else s.get("source") for s in secrets]
    declared = compose.get("secrets") or {}
    for flag in ("tls_cert_file", "tls_key_file"):
        value = flags.get(flag, "")
        match = re.fullmatch(r"/run/secrets/(.+)", value)
        if not match:
            problem(path, f"services.rasoatd.command --{flag}",
                    f"is {value!r}, want a secret under /run/secrets/")
            continue
        if match.group(1) not in secret_names:
            problem(path, "services.rasoatd.secrets", f"{match.group(1)!r} is not mounted")
        if match.group(1) not in declared:
            problem(path, "secrets", f"{match.group(1)!r} is not declared")
    if not flags.get("program_store", "").startswith(("postgresql://", "postgres://")):
        problem(path, "services.rasoatd.command --program_store", "want a postgresql:// URI")
    elif "@postgres" not in flags["program_store"]:
        problem(path, "services.rasoatd.command --program_store", "does not name host postgres")
    if "PGPASSWORD" not in (rasoatd.get("environment") or {}):
        problem(path, "services.rasoatd.environment.PGPASSWORD", "missing")
    if rasoatd.get("read_only") is not True:
        problem(path, "services.rasoatd.read_only", "want true")


# --- Kubernetes

def kustomizations():
    base = os.path.join(ROOT, "deploy", "k8s")
    found = []
    for folder, _, files in os.walk(base):
        if "kustomization.yaml" in files:
            found.append(os.path.join(folder, "kustomization.yaml"))
    if not found:
        problem(base, "(folder)", "has no kustomization.yaml")
    return sorted(found)


def check_statefulset(path, sts, flags_by_configmap, secrets):
    name = get(sts, "metadata.name")
    where = f"StatefulSet {name}"
    if get(sts, "spec.replicas") != 1:
        problem(path, f"{where}: spec.replicas", "want exactly 1 (one writer per store)")
    claims = get(sts, "spec.volumeClaimTemplates") or []
    if not claims:
        problem(path, f"{where}: spec.volumeClaimTemplates", "missing")
    for claim in claims:
        modes = get(claim, "spec.accessModes")
        if modes != ["ReadWriteOncePod"]:
            problem(path, f"{where}: volumeClaimTemplates[{get(claim, 'metadata.name')}]"
                    ".spec.accessModes", f"is {modes}, want ['ReadWriteOncePod']")
    template = get(sts, "spec.template") or {}
    annotations = get(template, "metadata.annotations") or {}
    for key, value in (("prometheus.io/scrape", "true"), ("prometheus.io/port", str(HTTP_PORT)),
                       ("prometheus.io/path", "/metrics")):
        if annotations.get(key) != value:
            problem(path, f"{where}: spec.template.metadata.annotations[{key}]",
                    f"is {annotations.get(key)!r}, want {value!r}")
    selector = get(sts, "spec.selector.matchLabels") or {}
    labels = get(template, "metadata.labels") or {}
    if not selector or any(labels.get(k) != v for k, v in selector.items()):
        problem(path, f"{where}: spec.selector.matchLabels", "does not match the pod's labels")
    pod = get(template, "spec") or {}
    pod_security = pod.get("securityContext") or {}
    if pod_security.get("runAsNonRoot") is not True:
        problem(path, f"{where}: spec.template.spec.securityContext.runAsNonRoot", "want true")
    if not isinstance(pod_security.get("runAsUser"), int) or pod_security["runAsUser"] == 0:
        problem(path, f"{where}: spec.template.spec.securityContext.runAsUser",
                "want a non-zero uid (the image's rasoat, 10001)")
    containers = pod.get("containers") or []
    rasoatd = next((c for c in containers if c.get("name") == "rasoatd"), None)
    if rasoatd is None:
        problem(path, f"{where}: spec.template.spec.containers", "no container named rasoatd")
        return
    field = f"{where}: containers[rasoatd]"
    security = rasoatd.get("securityContext") or {}
    if security.get("readOnlyRootFilesystem") is not True:
        problem(path, f"{field}.securityContext.readOnlyRootFilesystem", "want true")
    if security.get("allowPrivilegeEscalation") is not False:
        problem(path, f"{field}.securityContext.allowPrivilegeEscalation", "want false")
    if "ALL" not in (get(security, "capabilities.drop") or []):
        problem(path, f"{field}.securityContext.capabilities.drop", "want ALL")
    ports = {p.get("containerPort"): p.get("name") for p in rasoatd.get("ports") or []}
    for port in (GRPC_PORT, HTTP_PORT):
        if port not in ports:
            problem(path, f"{field}.ports", f"no containerPort {port}")
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        spec = rasoatd.get(probe)
        if not spec:
            problem(path, f"{field}.{probe}", "missing")
        elif "rasoat-healthcheck" not in " ".join(get(spec, "exec.command") or []) and \
                get(spec, "grpc.port") != GRPC_PORT:
            problem(path, f"{field}.{probe}",
                    "neither a grpc probe on 50051 nor an exec of rasoat-healthcheck")
    # Volumes: the claims, the flag file's ConfigMap, the TLS Secret, each where flags expect.
    mounts = {m.get("mountPath"): m.get("name") for m in rasoatd.get("volumeMounts") or []}
    volumes = {v.get("name"): v for v in pod.get("volumes") or []}
    claim_names = {get(c, "metadata.name") for c in claims}
    for target in (DATA_DIR, BACKUP_DIR):
        if mounts.get(target) not in claim_names:
            problem(path, f"{field}.volumeMounts", f"no volumeClaimTemplate mounted at {target}")
    flags_volume = volumes.get(mounts.get("/etc/rasoat"), {})
    configmap = get(flags_volume, "configMap.name")
    if not configmap:
        problem(path, f"{field}.volumeMounts", "no ConfigMap mounted at /etc/rasoat")
    elif configmap not in flags_by_configmap:
        problem(path, f"{where}: volumes", f"ConfigMap {configmap!r} is not generated here")
    tls_volume = volumes.get(mounts.get("/etc/rasoat/tls"), {})
    secret = get(tls_volume, "secret.secretName")
    if not secret:
        problem(path, f"{field}.volumeMounts", "no Secret mounted at /etc/rasoat/tls")
    else:
        secrets.add(secret)
    if "/tmp" not in mounts:
        problem(path, f"{field}.volumeMounts", "no writable /tmp beside a read-only root")
    # Memory: compared with every flag file's --memory_budget_mb at the end (check_memory).
    limit = quantity_bytes(get(rasoatd, "resources.limits.memory"))
    request = quantity_bytes(get(rasoatd, "resources.requests.memory"))
    if limit is None or request is None:
        problem(path, f"{field}.resources", "want requests.memory and limits.memory")
    else:
        MEMORY_LIMITS.append((path, f"{field}.resources.limits.memory", limit))


def check_memory():
    """Each pod's memory limit is at least 1.5 times the budget of each flag file it may read."""
    for path, field, limit in MEMORY_LIMITS:
        for source, budget in MEMORY_BUDGETS:
            if limit < 1.5 * budget * (1 << 20):
                problem(path, field, f"{limit / (1 << 20):.0f} MiB is less than 1.5 x "
                        f"--memory_budget_mb={budget} of {rel(source)}")


def check_service(path, service, statefulsets):
    where = f"Service {get(service, 'metadata.name')}"
    ports = {p.get("port") for p in get(service, "spec.ports") or []}
    for port in (GRPC_PORT, HTTP_PORT):
        if port not in ports:
            problem(path, f"{where}: spec.ports", f"no port {port}")
    selector = get(service, "spec.selector") or {}
    if not selector or not any(
            all(get(s, "spec.template.metadata.labels", {}).get(k) == v
                for k, v in selector.items()) for s in statefulsets):
        problem(path, f"{where}: spec.selector", "selects no StatefulSet's pods")


def check_kubernetes():
    found_statefulset = found_service = found_tls_secret = found_grpc_probes = False
    for kpath in kustomizations():
        folder = os.path.dirname(kpath)
        docs = load_all(kpath)
        kustomization = docs[0] if docs else {}
        objects = []  # (path, object)
        for resource in kustomization.get("resources") or []:
            rpath = os.path.normpath(os.path.join(folder, resource))
            if os.path.isdir(rpath):
                if not os.path.isfile(os.path.join(rpath, "kustomization.yaml")):
                    problem(kpath, "resources", f"{resource} has no kustomization.yaml")
                continue
            if not os.path.isfile(rpath):
                problem(kpath, "resources", f"{resource} does not exist")
                continue
            for doc in load_all(rpath):
                for key in ("apiVersion", "kind", "metadata"):
                    if key not in doc:
                        problem(rpath, key, "missing")
                if get(doc, "metadata.namespace"):
                    problem(rpath, f"{doc.get('kind')} metadata.namespace",
                            "set: the manifests are namespace-agnostic")
                objects.append((rpath, doc))
        flags_by_configmap = {}
        for generator in kustomization.get("configMapGenerator") or []:
            for entry in generator.get("files") or []:
                fpath = os.path.join(folder, entry.split("=")[-1])
                flags = read_flags(fpath, f"configMapGenerator {generator.get('name')}")
                if flags:
                    check_flags(fpath, flags, "the pod")
                    for name, value in (("tls_cert_file", "/etc/rasoat/tls/"),
                                        ("tls_key_file", "/etc/rasoat/tls/")):
                        if flags.get(name) and not flags[name].startswith(value):
                            problem(fpath, f"--{name}", f"not under {value}, where the Secret is")
                    flags_by_configmap[generator.get("name")] = (fpath, flags)
        statefulsets = [o for _, o in objects if o.get("kind") == "StatefulSet"]
        secrets_used = set()
        for rpath, obj in objects:
            kind = obj.get("kind")
            if kind == "StatefulSet":
                found_statefulset = True
                check_statefulset(rpath, obj, flags_by_configmap, secrets_used)
            elif kind == "Service":
                found_service = True
                check_service(rpath, obj, statefulsets)
        for rpath, obj in objects:
            if obj.get("kind") == "Secret" and obj.get("type") == "kubernetes.io/tls":
                found_tls_secret = True
                data = {**(obj.get("data") or {}), **(obj.get("stringData") or {})}
                for key in ("tls.crt", "tls.key"):
                    if key not in data:
                        problem(rpath, f"Secret {get(obj, 'metadata.name')}: data[{key}]",
                                "missing")
        if kustomization.get("kind") == "Component":
            found_grpc_probes |= check_edge_component(kpath, kustomization)
        if "../base" in (kustomization.get("resources") or []):
            check_province(kpath, kustomization, objects)
    for found, what in ((found_statefulset, "a StatefulSet"), (found_service, "a Service"),
                        (found_tls_secret, "a Secret of type kubernetes.io/tls (tls.crt, tls.key)"),
                        (found_grpc_probes, "a component with native grpc probes on 50051")):
        if not found:
            problem(os.path.join(ROOT, "deploy", "k8s"), "(manifests)", f"no {what}")


def check_province(kpath, kustomization, objects):
    if not kustomization.get("nameSuffix") and not kustomization.get("namePrefix"):
        problem(kpath, "nameSuffix", "missing: each province's objects need their own names")
    if not any(entry.get("includeSelectors") for entry in kustomization.get("labels") or []):
        problem(kpath, "labels[].includeSelectors",
                "want a province label in the selectors, or provinces select each other's pods")
    if not any(o.get("kind") == "Secret" and o.get("type") == "kubernetes.io/tls"
               for _, o in objects):
        problem(kpath, "resources", "no TLS Secret for the province")


def check_edge_component(kpath, kustomization):
    """The component switching to native gRPC probes: True if they are right."""
    ok = False
    for patch in kustomization.get("patches") or []:
        try:
            docs = [d for d in yaml.safe_load_all(patch.get("patch") or "") if d]
        except yaml.YAMLError as error:
            problem(kpath, "patches[].patch", f"not YAML: {error}")
            continue
        for doc in docs:
            if not isinstance(doc, dict) or doc.get("kind") != "StatefulSet":
                continue
            for container in get(doc, "spec.template.spec.containers") or []:
                field = f"patches[StatefulSet].containers[{container.get('name')}]"
                for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                    if get(container, f"{probe}.grpc.port") != GRPC_PORT:
                        problem(kpath, f"{field}.{probe}.grpc.port", f"want {GRPC_PORT}")
                    elif "exec" not in (container.get(probe) or {}):
                        problem(kpath, f"{field}.{probe}.exec", "want null (remove the exec)")
                args = container.get("args") or []
                if "--allow_insecure_non_loopback" not in args:
                    problem(kpath, f"{field}.args",
                            "want --allow_insecure_non_loopback: plaintext behind the proxy")
                ok = all(get(container, f"{p}.grpc.port") == GRPC_PORT
                         for p in ("startupProbe", "livenessProbe", "readinessProbe"))
    return ok


# --- Containerfile

def check_containerfile():
    path = os.path.join(ROOT, "deploy", "container", "Containerfile")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as error:
        problem(path, "(file)", f"cannot be read: {error}")
        return
    # Instructions, with continuation lines joined and comments dropped.
    logical = re.sub(r"\\\n", " ", "\n".join(
        line for line in text.splitlines() if not line.lstrip().startswith("#")))
    instructions = [line.split(None, 1) for line in logical.splitlines() if line.strip()]
    instructions = [(i[0].upper(), i[1] if len(i) > 1 else "") for i in instructions]
    froms = [arg for op, arg in instructions if op == "FROM"]
    if len(froms) < 2 or not all(f.split()[0] == "debian:12-slim" for f in froms):
        problem(path, "FROM", f"want two stages FROM debian:12-slim, have {froms}")
    runs = " ".join(arg for op, arg in instructions if op == "RUN")
    for needed in ("deploy/install-deps.sh", "cmake --preset release",
                   "cmake --install build/release --prefix /usr/local"):
        if needed not in runs:
            problem(path, "RUN", f"no {needed!r}")
    final = instructions[max(i for i, (op, _) in enumerate(instructions) if op == "FROM"):]
    user = [arg for op, arg in final if op == "USER"]
    if not user or user[-1].split(":")[0] in ("0", "root"):
        problem(path, "USER", "the runtime stage must run as a non-root user")
    elif not user[-1].split(":")[0].isdigit():
        problem(path, "USER", "want a numeric uid, so Kubernetes' runAsNonRoot can verify it")
    volumes = " ".join(arg for op, arg in final if op == "VOLUME")
    for target in (DATA_DIR, BACKUP_DIR):
        if target not in volumes:
            problem(path, "VOLUME", f"no {target}")
    exposed = " ".join(arg for op, arg in final if op == "EXPOSE").split()
    for port in (GRPC_PORT, HTTP_PORT):
        if str(port) not in exposed:
            problem(path, "EXPOSE", f"no {port}")
    if not any(op == "HEALTHCHECK" and "rasoat-healthcheck" in arg for op, arg in final):
        problem(path, "HEALTHCHECK", "want one running rasoat-healthcheck")
    if "ldd" not in " ".join(arg for op, arg in final if op == "RUN"):
        problem(path, "RUN", "no ldd check that the runtime libraries are all installed")
    for op, arg in instructions:
        if op == "COPY" and not arg.startswith("--from"):
            for source in arg.split()[:-1]:
                if source.startswith("deploy/") and not os.path.exists(os.path.join(ROOT, source)):
                    problem(path, "COPY", f"{source} does not exist in the repository")
    healthcheck = os.path.join(ROOT, "deploy", "container", "rasoat-healthcheck")
    if not os.access(healthcheck, os.X_OK):
        problem(healthcheck, "(mode)", "not executable (COPY keeps the mode)")
    flags_path = os.path.join(ROOT, "deploy", "container", "rasoatd.flags")
    flags = read_flags(flags_path, "(file)")
    if flags:
        check_flags(flags_path, flags, "the container")


def main():
    check_compose()
    check_kubernetes()
    check_memory()
    check_containerfile()
    for line in PROBLEMS:
        print(f"FAIL: {line}")
    if PROBLEMS:
        print(f"check_manifests: {len(PROBLEMS)} problems")
        return 1
    print("check_manifests: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
