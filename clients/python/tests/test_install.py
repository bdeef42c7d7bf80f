"""`pip install ./clients/python` gives an importable package (PYTHONPATH use is what the other tests do)."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

PACKAGE = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def has_pip():
    return subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True).returncode == 0


@unittest.skipUnless(has_pip(), "pip is not installed (apt-get install python3-pip)")
class PipInstallTest(unittest.TestCase):
    def test_pip_install_then_import_from_elsewhere(self):
        with tempfile.TemporaryDirectory() as tmp:
            # Installed from a copy, so the build leaves no build/ or egg-info in the checkout.
            source = shutil.copytree(PACKAGE, os.path.join(tmp, "src"), ignore=shutil.ignore_patterns("tests", "build", "*.egg-info", "__pycache__"))
            target = os.path.join(tmp, "site")
            install = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                                      "--no-index", "--target", target, source], capture_output=True, text=True)
            self.assertEqual(install.returncode, 0, install.stderr)
            probe = subprocess.run(
                [sys.executable, "-c", "import classfit_client as c, sys; print(c.__file__); print(c.__version__); print('torch' in sys.modules)"],
                cwd=tmp, env={**os.environ, "PYTHONPATH": target}, capture_output=True, text=True)
            self.assertEqual(probe.returncode, 0, probe.stderr)
            where, version, torch_loaded = probe.stdout.split()
            self.assertTrue(where.startswith(target), where)
            self.assertEqual(version, "0.1.0")
            self.assertEqual(torch_loaded, "False")  # torch stays optional: importing the package does not load it


if __name__ == "__main__":
    unittest.main()
