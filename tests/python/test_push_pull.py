#!/usr/bin/python3
"""A Python client speaks the rasoat wire contract to a real rasoatd.

What this proves, from a second language and only through proto/rasoat/v1/*.proto:
  * Push creates a household (APPLIED, version 1), a push on the head advances it (APPLIED,
    version 2), and replaying a mutation (same device_id + mutation_id) returns the original
    result as DUPLICATE without writing anything.
  * Pull streams a village's households at their current state (version, status, and the
    record byte-for-byte, Vietnamese names included), ends with a caught_up page carrying a
    cursor, and pulling from that cursor returns nothing new.
  * A village scope does not leak households of another village of the same commune.
  * The standard grpc.health.v1.Health service answers SERVING and server reflection lists
    rasoat.v1.SyncService (called with hand-encoded bytes: no extra Python package needed).
  * Bad input is refused with INVALID_ARGUMENT and a message naming the field: a Push without
    device_id, a Pull with a cursor the server never issued.
  * Over TLS, with a throwaway CA made by the openssl command: a client that trusts the CA file
    pushes and pulls; one that does not trust it, or speaks plaintext, gets nothing.

Each test starts its own rasoatd on a free port (--listen=127.0.0.1:0) over a fresh data dir,
learns the port from the server's "serving on" line, and stops it with SIGTERM, expecting a
clean exit 0. The Python stubs are generated from the .proto files with protoc at test time.

Run with Debian's interpreter, which sees python3-grpcio and python3-protobuf:
  /usr/bin/python3 test_push_pull.py --rasoatd build/release/server/rasoatd/rasoatd --proto-dir proto
"""

import argparse
import importlib
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import grpc

GRPC_PYTHON_PLUGIN = "/usr/bin/grpc_python_plugin"
STARTUP_DEADLINE_SECONDS = 30
SHUTDOWN_DEADLINE_SECONDS = 30
RPC_DEADLINE_SECONDS = 10
SERVING_LINE = re.compile(r"^rasoatd: serving on 127\.0\.0\.1:(\d+) \((plaintext|TLS); .*\)$")

ROUND = "2026"
COMMUNE = "00001"
VILLAGE = "thon-1"
OTHER_VILLAGE = "thon-2"
DEVICE = "tablet-py-01"
HEAD_NAME = "Nguyễn Thị Lan"
SPOUSE_NAME = "Trần Văn Minh"

# Set by main(): the rasoatd binary, and the generated modules.
RASOATD = None
household_pb2 = None
sync_pb2 = None
sync_pb2_grpc = None


def generate_stubs(proto_dir, out_dir):
    """Runs protoc over the whole wire contract into out_dir and imports the generated modules."""
    contract = sorted(os.path.join("rasoat", "v1", name)
                      for name in os.listdir(os.path.join(proto_dir, "rasoat", "v1"))
                      if name.endswith(".proto"))
    command = [
        "protoc",
        f"-I{proto_dir}",
        f"--python_out={out_dir}",
        f"--grpc_python_out={out_dir}",
        f"--plugin=protoc-gen-grpc_python={GRPC_PYTHON_PLUGIN}",
        *contract,
    ]
    subprocess.run(command, check=True)
    # Regular packages, so that no other "rasoat" on sys.path can shadow the generated one.
    for package in ("rasoat", os.path.join("rasoat", "v1")):
        open(os.path.join(out_dir, package, "__init__.py"), "w").close()
    sys.path.insert(0, out_dir)
    return (
        importlib.import_module("rasoat.v1.household_pb2"),
        importlib.import_module("rasoat.v1.sync_pb2"),
        importlib.import_module("rasoat.v1.sync_pb2_grpc"),
    )


class RasoatdProcess:
    """A rasoatd on a free local port over its own data dir."""

    def __init__(self, binary, data_dir, flags=()):
        self.lines = []  # every stdout line, read by a thread so the pipe never fills
        self._queue = queue.Queue()
        self.transport = None  # "plaintext" or "TLS", from the serving line
        self.process = subprocess.Popen(
            [binary, "--listen=127.0.0.1:0", "--http_listen=", f"--data_dir={data_dir}", *flags],
            stdout=subprocess.PIPE,
            stderr=None,  # inherited: the server's log shows in ctest --output-on-failure
            text=True,
            encoding="utf-8",
        )
        self._reader = threading.Thread(target=self._read_stdout, daemon=True)
        self._reader.start()
        try:
            self.port = self._wait_for_port()
        except BaseException:
            self.kill()
            raise

    def _read_stdout(self):
        with self.process.stdout:
            for line in self.process.stdout:
                line = line.rstrip("\n")
                self.lines.append(line)
                self._queue.put(line)
        self._queue.put(None)  # end of output: the server exited

    def _wait_for_port(self):
        """Blocks on the server's output until its "serving on" line, within the deadline."""
        deadline = time.monotonic() + STARTUP_DEADLINE_SECONDS
        while True:
            remaining = deadline - time.monotonic()
            try:
                line = self._queue.get(timeout=max(remaining, 0))
            except queue.Empty:
                raise AssertionError(
                    f"rasoatd printed no serving line in {STARTUP_DEADLINE_SECONDS}s; "
                    f"stdout so far: {self.lines!r}") from None
            if line is None:
                raise AssertionError(
                    f"rasoatd exited with {self.process.wait()} before serving; "
                    f"stdout: {self.lines!r}")
            match = SERVING_LINE.match(line)
            if match:
                self.transport = match.group(2)
                return int(match.group(1))

    def running(self):
        return self.process.poll() is None

    def terminate(self):
        """SIGTERM, then waits for the exit; returns the exit code."""
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=SHUTDOWN_DEADLINE_SECONDS)
        self._reader.join(timeout=SHUTDOWN_DEADLINE_SECONDS)
        return code

    def kill(self):
        if self.running():
            self.process.kill()
            self.process.wait()


def member(member_id, name, relationship):
    # A complete answer for an adult: the record passes validation (READY_FOR_REVIEW).
    return household_pb2.Member(
        member_id=member_id, full_name=name, relationship=relationship,
        birth_date=household_pb2.Date(year=1980, month=3, day=14),
        sex=household_pb2.SEX_FEMALE)


def lan_head():
    return member("m1", HEAD_NAME, household_pb2.RELATIONSHIP_HEAD)


def household_record(village, members, note=""):
    return household_pb2.Household(
        location=household_pb2.Location(
            province_code="01", commune_code=COMMUNE, village_code=village,
            area=household_pb2.AREA_RURAL, address="Xóm Đình"),
        head_member_id=members[0].member_id,
        members=members,
        collaborator_note=note,
    )


def mutation(household_id, mutation_id, base_version, record):
    return sync_pb2.Mutation(
        key=sync_pb2.HouseholdKey(round_id=ROUND, household_id=household_id),
        mutation_id=mutation_id,
        base_version=base_version,
        record=record,
    )


class PushPullTest(unittest.TestCase):

    def setUp(self):
        data_dir = tempfile.mkdtemp(prefix="rasoatd-py-")
        self.addCleanup(shutil.rmtree, data_dir, ignore_errors=True)
        self.server = RasoatdProcess(RASOATD, data_dir)
        self.addCleanup(self.server.kill)  # only acts if the test failed before tearDown
        self.channel = grpc.insecure_channel(
            f"127.0.0.1:{self.server.port}", options=[("grpc.enable_http_proxy", 0)])
        self.stub = sync_pb2_grpc.SyncServiceStub(self.channel)
        # The first start of an empty data dir writes the admin's token there.
        with open(os.path.join(data_dir, "admin.token"), encoding="ascii") as token_file:
            self.credential = (("authorization", "Bearer " + token_file.read().strip()),)

    def tearDown(self):
        self.channel.close()
        code = self.server.terminate()
        self.assertEqual(code, 0, f"rasoatd stdout: {self.server.lines!r}")
        self.assertIn("rasoatd: stopped", self.server.lines)

    # Helpers -----------------------------------------------------------------------------

    def push(self, *mutations, device_id=DEVICE):
        request = sync_pb2.PushRequest(device_id=device_id, mutations=mutations)
        response = self.stub.Push(request, timeout=RPC_DEADLINE_SECONDS,
                                  metadata=self.credential)
        self.assertEqual(len(response.results), len(mutations))
        return response.results

    def pull(self, scopes, cursor=b""):
        """Pulls to the end of the stream; returns (households, pages)."""
        request = sync_pb2.PullRequest(round_id=ROUND, scopes=scopes, cursor=cursor)
        pages = list(self.stub.Pull(request, timeout=RPC_DEADLINE_SECONDS,
                                    metadata=self.credential))
        self.assertTrue(pages, "a pull always sends at least one page")
        households = [state for page in pages for state in page.households]
        return households, pages

    def push_lan_household_twice(self):
        """Creates household hh-lan in thon-1 and edits it once; returns both records."""
        first = household_record(VILLAGE, [lan_head()])
        spouse = member("m2", SPOUSE_NAME, household_pb2.RELATIONSHIP_SPOUSE)
        second = household_record(VILLAGE, [lan_head(), spouse], note="Đã bổ sung chồng")
        (created,) = self.push(mutation("hh-lan", "mut-1", 0, first))
        (edited,) = self.push(mutation("hh-lan", "mut-2", 1, second))
        self.assertEqual(created.outcome, sync_pb2.MUTATION_OUTCOME_APPLIED)
        self.assertEqual(edited.outcome, sync_pb2.MUTATION_OUTCOME_APPLIED)
        return first, second

    # Tests -------------------------------------------------------------------------------

    def test_push_applies_on_head_and_replay_is_duplicate(self):
        first = household_record(VILLAGE, [lan_head()])
        (created,) = self.push(mutation("hh-lan", "mut-1", 0, first))
        self.assertEqual(created.outcome, sync_pb2.MUTATION_OUTCOME_APPLIED)
        self.assertEqual(created.version, 1)
        self.assertEqual(created.head_version, 1)
        self.assertEqual(created.mutation_id, "mut-1")
        self.assertEqual(created.key.household_id, "hh-lan")
        self.assertEqual(created.key.round_id, ROUND)

        second = household_record(VILLAGE, [lan_head()], note="Phỏng vấn lại")
        (edited,) = self.push(mutation("hh-lan", "mut-2", 1, second))
        self.assertEqual(edited.outcome, sync_pb2.MUTATION_OUTCOME_APPLIED)
        self.assertEqual(edited.version, 2)
        self.assertEqual(edited.head_version, 2)

        (replayed,) = self.push(mutation("hh-lan", "mut-1", 0, first))
        self.assertEqual(replayed.outcome, sync_pb2.MUTATION_OUTCOME_DUPLICATE)
        self.assertEqual(replayed.original_outcome, sync_pb2.MUTATION_OUTCOME_APPLIED)
        self.assertEqual(replayed.version, 1)
        self.assertEqual(replayed.mutation_id, "mut-1")

        # The replay wrote nothing: the household is still at version 2 with the second record.
        households, _ = self.pull([sync_pb2.Scope(commune_code=COMMUNE, village_code=VILLAGE)])
        self.assertEqual([h.version for h in households], [2])
        self.assertEqual(households[0].record, second)

    def test_pull_returns_current_state_then_nothing_after_cursor(self):
        _, second = self.push_lan_household_twice()
        scopes = [sync_pb2.Scope(commune_code=COMMUNE, village_code=VILLAGE)]

        households, pages = self.pull(scopes)
        self.assertEqual(len(households), 1)
        (state,) = households
        self.assertEqual(state.key.round_id, ROUND)
        self.assertEqual(state.key.household_id, "hh-lan")
        self.assertEqual(state.version, 2)
        self.assertEqual(state.status, sync_pb2.REVIEW_STATUS_READY_FOR_REVIEW)
        self.assertEqual(list(state.conflicts), [])
        self.assertEqual([m.full_name for m in state.record.members], [HEAD_NAME, SPOUSE_NAME])
        self.assertEqual(state.record, second)
        self.assertEqual([p.caught_up for p in pages], [False] * (len(pages) - 1) + [True])
        cursor = pages[-1].cursor
        self.assertNotEqual(cursor, b"")

        again, again_pages = self.pull(scopes, cursor=cursor)
        self.assertEqual(again, [])
        self.assertTrue(again_pages[-1].caught_up)
        self.assertNotEqual(again_pages[-1].cursor, b"")

    def test_pull_of_a_village_excludes_other_villages(self):
        (lan,) = self.push(mutation(
            "hh-lan", "mut-1", 0,
            household_record(VILLAGE, [lan_head()])))
        (hung,) = self.push(mutation(
            "hh-hung", "mut-2", 0,
            household_record(OTHER_VILLAGE,
                             [member("m1", "Lê Văn Hùng", household_pb2.RELATIONSHIP_HEAD)])))
        self.assertEqual(lan.outcome, sync_pb2.MUTATION_OUTCOME_APPLIED)
        self.assertEqual(hung.outcome, sync_pb2.MUTATION_OUTCOME_APPLIED)

        thon1, _ = self.pull([sync_pb2.Scope(commune_code=COMMUNE, village_code=VILLAGE)])
        self.assertEqual([h.key.household_id for h in thon1], ["hh-lan"])

        # Controls: thon-2's household is stored, and the whole commune has both.
        thon2, _ = self.pull([sync_pb2.Scope(commune_code=COMMUNE, village_code=OTHER_VILLAGE)])
        self.assertEqual([h.key.household_id for h in thon2], ["hh-hung"])
        commune, _ = self.pull([sync_pb2.Scope(commune_code=COMMUNE)])
        self.assertEqual(sorted(h.key.household_id for h in commune), ["hh-hung", "hh-lan"])

    def test_push_without_device_id_is_invalid_argument(self):
        record = household_record(VILLAGE, [lan_head()])
        with self.assertRaises(grpc.RpcError) as raised:
            self.push(mutation("hh-lan", "mut-1", 0, record), device_id="")
        self.assertEqual(raised.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertIn("device_id", raised.exception.details())

        # Nothing of the refused batch was written.
        households, _ = self.pull([sync_pb2.Scope(commune_code=COMMUNE, village_code=VILLAGE)])
        self.assertEqual(households, [])

    def test_calls_without_the_token_are_unauthenticated_and_change_nothing(self):
        record = household_record(VILLAGE, [lan_head()])
        request = sync_pb2.PushRequest(device_id=DEVICE,
                                       mutations=[mutation("hh-lan", "mut-1", 0, record)])
        for credential in [(), (("authorization", "Bearer rst1_not-a-token"),)]:
            with self.assertRaises(grpc.RpcError) as raised:
                self.stub.Push(request, timeout=RPC_DEADLINE_SECONDS, metadata=credential)
            self.assertEqual(raised.exception.code(), grpc.StatusCode.UNAUTHENTICATED)
        with self.assertRaises(grpc.RpcError) as raised:
            list(self.stub.Pull(sync_pb2.PullRequest(round_id=ROUND, scopes=[
                sync_pb2.Scope(commune_code=COMMUNE)]), timeout=RPC_DEADLINE_SECONDS))
        self.assertEqual(raised.exception.code(), grpc.StatusCode.UNAUTHENTICATED)
        households, _ = self.pull([sync_pb2.Scope(commune_code=COMMUNE)])
        self.assertEqual(households, [])

    def test_pull_with_garbage_cursor_is_invalid_argument(self):
        with self.assertRaises(grpc.RpcError) as raised:
            self.pull([sync_pb2.Scope(commune_code=COMMUNE, village_code=VILLAGE)],
                      cursor=b"garbage\xff")
        self.assertEqual(raised.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertIn("cursor", raised.exception.details())

    def test_health_is_serving_and_reflection_lists_the_sync_service(self):
        # grpc.health.v1.HealthCheckRequest{} is empty; the response's field 1 is the status,
        # SERVING = 1, encoded as tag 0x08 then 0x01.
        check = self.channel.unary_unary("/grpc.health.v1.Health/Check",
                                         request_serializer=lambda raw: raw,
                                         response_deserializer=lambda raw: raw)
        self.assertEqual(check(b"", timeout=RPC_DEADLINE_SECONDS), b"\x08\x01")

        # ServerReflectionRequest{list_services: "*"}: field 7, length-delimited.
        reflect = self.channel.stream_stream(
            "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
            request_serializer=lambda raw: raw, response_deserializer=lambda raw: raw)
        responses = list(reflect(iter([b"\x3a\x01*"]), timeout=RPC_DEADLINE_SECONDS))
        self.assertEqual(len(responses), 1)
        self.assertIn(b"rasoat.v1.SyncService", responses[0])
        self.assertIn(b"grpc.health.v1.Health", responses[0])


class TlsPushPullTest(unittest.TestCase):
    """The same client over TLS, trusting the CA file it is given (rasoatctl's --ca_file)."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="rasoatd-py-tls-")
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)
        # A CA, and a certificate it signs for 127.0.0.1 and localhost; and a second CA that
        # signed nothing of the server's.
        script = (
            "set -e; "
            "for ca in ca other-ca; do "
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
            "-keyout $ca.key -out $ca.pem -days 1 -subj /CN=$ca 2>/dev/null; done; "
            "openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
            "-keyout server.key -out server.csr -subj /CN=server 2>/dev/null; "
            "printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > server.ext; "
            "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 "
            "-extfile server.ext -out server.pem 2>/dev/null")
        subprocess.run(["/bin/sh", "-c", script], cwd=self.dir, check=True)
        data_dir = os.path.join(self.dir, "data")
        self.server = RasoatdProcess(RASOATD, data_dir, flags=(
            f"--tls_cert_file={os.path.join(self.dir, 'server.pem')}",
            f"--tls_key_file={os.path.join(self.dir, 'server.key')}"))
        self.addCleanup(self.server.kill)
        with open(os.path.join(data_dir, "admin.token"), encoding="ascii") as token_file:
            self.credential = (("authorization", "Bearer " + token_file.read().strip()),)

    def tearDown(self):
        self.assertEqual(self.server.terminate(), 0, f"rasoatd stdout: {self.server.lines!r}")

    def channel_trusting(self, ca_file):
        with open(os.path.join(self.dir, ca_file), "rb") as ca:
            credentials = grpc.ssl_channel_credentials(root_certificates=ca.read())
        channel = grpc.secure_channel(f"127.0.0.1:{self.server.port}", credentials,
                                      options=[("grpc.enable_http_proxy", 0)])
        self.addCleanup(channel.close)
        return sync_pb2_grpc.SyncServiceStub(channel)

    def test_a_client_trusting_the_ca_file_pushes_and_pulls(self):
        self.assertEqual(self.server.transport, "TLS")
        stub = self.channel_trusting("ca.pem")
        record = household_record(VILLAGE, [lan_head()])
        response = stub.Push(
            sync_pb2.PushRequest(device_id=DEVICE,
                                 mutations=[mutation("hh-tls", "mut-tls", 0, record)]),
            timeout=RPC_DEADLINE_SECONDS, metadata=self.credential)
        self.assertEqual([r.outcome for r in response.results],
                         [sync_pb2.MUTATION_OUTCOME_APPLIED])
        pages = list(stub.Pull(
            sync_pb2.PullRequest(round_id=ROUND, scopes=[
                sync_pb2.Scope(commune_code=COMMUNE, village_code=VILLAGE)]),
            timeout=RPC_DEADLINE_SECONDS, metadata=self.credential))
        households = [state for page in pages for state in page.households]
        self.assertEqual([h.key.household_id for h in households], ["hh-tls"])
        self.assertEqual(households[0].record, record)

    def test_a_client_trusting_another_ca_or_speaking_plaintext_gets_nothing(self):
        request = sync_pb2.PushRequest(
            device_id=DEVICE,
            mutations=[mutation("hh-x", "mut-x", 0, household_record(VILLAGE, [lan_head()]))])
        plaintext = grpc.insecure_channel(f"127.0.0.1:{self.server.port}",
                                          options=[("grpc.enable_http_proxy", 0)])
        self.addCleanup(plaintext.close)
        for stub in [self.channel_trusting("other-ca.pem"),
                     sync_pb2_grpc.SyncServiceStub(plaintext)]:
            with self.assertRaises(grpc.RpcError) as refused:
                stub.Push(request, timeout=RPC_DEADLINE_SECONDS, metadata=self.credential)
            self.assertEqual(refused.exception.code(), grpc.StatusCode.UNAVAILABLE)
        # Nothing of it was stored.
        pages = list(self.channel_trusting("ca.pem").Pull(
            sync_pb2.PullRequest(round_id=ROUND, scopes=[sync_pb2.Scope(commune_code=COMMUNE)]),
            timeout=RPC_DEADLINE_SECONDS, metadata=self.credential))
        self.assertEqual([state for page in pages for state in page.households], [])


def main():
    global RASOATD, household_pb2, sync_pb2, sync_pb2_grpc
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rasoatd", required=True, help="path of the rasoatd binary")
    parser.add_argument("--proto-dir", required=True, help="the repository's proto/ folder")
    args, unittest_args = parser.parse_known_args()
    RASOATD = os.path.abspath(args.rasoatd)

    stubs_dir = tempfile.mkdtemp(prefix="rasoat-py-stubs-")
    try:
        household_pb2, sync_pb2, sync_pb2_grpc = generate_stubs(args.proto_dir, stubs_dir)
        program = unittest.main(argv=[sys.argv[0], *unittest_args], exit=False, verbosity=2)
    finally:
        shutil.rmtree(stubs_dir, ignore_errors=True)
    sys.exit(0 if program.result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
