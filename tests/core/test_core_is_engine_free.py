"""The core must move to whichever engine outlives MkDocs: it never imports mkdocs or material."""

import subprocess
import sys


def test_core_imports_no_mkdocs() -> None:
    code = (
        "import sys, pkgutil, importlib, learnaloud.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'learnaloud.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('mkdocs', 'material'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
