#!/usr/bin/python3
"""`cmake --install` of a build folder into a temporary prefix, and rasoatd started from there.

What this proves, as an operator following deploy/README.md "Install on a host" would find it:
  * the install puts rasoatd, rasoatctl and rasoat-tablet in PREFIX/bin, every standard file and
    targets file of deploy/ in PREFIX/share/rasoat/, and the flag file in PREFIX/etc/rasoat/;
  * each program's --version names the program, the version of these sources (`git describe`
    when they are a git checkout) and the build type, not Abseil's "Debug build" guess;
  * rasoatd starts from the installed flag file as it is (only the data directory and the ports
    are moved, as a test must), answers a call of the installed rasoatctl with the admin token
    of its first start, and stops cleanly on SIGTERM.

Usage: test_install.py --build-dir build/release --source-dir . --build-type Release
"""

import argparse
import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
import unittest

STARTUP_DEADLINE_SECONDS = 30
SHUTDOWN_DEADLINE_SECONDS = 30
SERVING_LINE = re.compile(r"^rasoatd: serving on 127\.0\.0\.1:(\d+) ")
PROGRAMS = ("rasoatd", "rasoatctl", "rasoat-tablet")

ARGS = None  # set by main()


def source_commit():
    """The abbreviated commit of the sources, which the built version names, or None."""
    try:
        return subprocess.run(["git", "-C", ARGS.source_dir, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


class InstallTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="rasoat-install-")
        cls.prefix = os.path.join(cls.tmp.name, "prefix")
        subprocess.run(["cmake", "--install", ARGS.build_dir, "--prefix", cls.prefix],
                       check=True, stdout=subprocess.DEVNULL)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_1_the_files_are_where_the_guide_says(self):
        for program in PROGRAMS:
            path = os.path.join(self.prefix, "bin", program)
            self.assertTrue(os.access(path, os.X_OK), path)
        for folder in ("standards", "targets"):
            source = sorted(name for name in os.listdir(os.path.join(ARGS.source_dir, "deploy",
                                                                     folder))
                            if name.endswith(".textproto"))
            installed = sorted(os.listdir(os.path.join(self.prefix, "share", "rasoat", folder)))
            self.assertEqual(installed, source, folder)
            self.assertTrue(source, folder)
        with open(os.path.join(self.prefix, "etc", "rasoat", "rasoatd.flags")) as installed, \
                open(os.path.join(ARGS.source_dir, "deploy", "rasoatd.flags")) as source:
            self.assertEqual(installed.read(), source.read())

    def test_2_every_program_says_its_version_and_build_type(self):
        commit = source_commit()
        for program in PROGRAMS:
            result = subprocess.run([os.path.join(self.prefix, "bin", program), "--version"],
                                    capture_output=True, text=True, timeout=30)
            self.assertEqual(result.returncode, 0, result.stderr)
            line = result.stdout.strip()
            match = re.fullmatch(rf"{re.escape(program)} (\S+) \((\S+) build\)", line)
            self.assertIsNotNone(match, line)
            self.assertEqual(match.group(2), ARGS.build_type, line)
            if commit:
                self.assertIn(commit, match.group(1), line)

    def test_3_rasoatd_starts_from_the_installed_flag_file(self):
        data_dir = os.path.join(self.tmp.name, "data")
        rasoatd = subprocess.Popen(
            [os.path.join(self.prefix, "bin", "rasoatd"),
             "--flagfile=" + os.path.join(self.prefix, "etc", "rasoat", "rasoatd.flags"),
             f"--data_dir={data_dir}", "--listen=127.0.0.1:0", "--http_listen=127.0.0.1:0"],
            stdout=subprocess.PIPE, text=True, encoding="utf-8")
        lines = queue.Queue()

        def read():
            for line in rasoatd.stdout:
                lines.put(line.rstrip("\n"))
            lines.put(None)

        threading.Thread(target=read, daemon=True).start()
        try:
            port = None
            while port is None:
                line = lines.get(timeout=STARTUP_DEADLINE_SECONDS)
                self.assertIsNotNone(line, "rasoatd stopped before serving")
                match = SERVING_LINE.match(line)
                if match:
                    port = match.group(1)
            whoami = subprocess.run(
                [os.path.join(self.prefix, "bin", "rasoatctl"), f"--server=127.0.0.1:{port}",
                 "--token_file=" + os.path.join(data_dir, "admin.token"), "whoami"],
                capture_output=True, text=True, timeout=30)
            self.assertEqual(whoami.returncode, 0, whoami.stderr)
            self.assertIn("admin", whoami.stdout)
            rasoatd.send_signal(signal.SIGTERM)
            self.assertEqual(rasoatd.wait(timeout=SHUTDOWN_DEADLINE_SECONDS), 0)
        finally:
            if rasoatd.poll() is None:
                rasoatd.kill()
                rasoatd.wait()


def main():
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--build-type", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], "-v", *rest])


if __name__ == "__main__":
    main()
