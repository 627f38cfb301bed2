"""Before `make run` on Linux: does Qt's xcb platform find every system library it needs?

On a bare Debian or Ubuntu machine Qt's window plugin fails to load with a message that names no
package ("Could not load the Qt platform plugin xcb"). This asks `ldd` which libraries are missing
and prints the exact `apt-get install` line. Standard library only; exits 1 when something is missing.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

# The shared libraries of Qt's xcb plugin that a minimal system may lack, and their Debian packages.
DEBIAN_PACKAGES = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-render.so.0": "libxcb-render0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}


def missing_libraries(qt_dir: Path) -> list[str]:
    targets = [
        qt_dir / "plugins" / "platforms" / "libqxcb.so",
        *sorted((qt_dir / "lib").glob("libQt6XcbQpa.so*")),
    ]
    missing: list[str] = []
    for target in targets:
        if not target.exists():
            continue
        result = subprocess.run(["ldd", str(target)], capture_output=True, text=True, check=False)
        for line in result.stdout.splitlines():
            name, _, where = line.strip().partition(" => ")
            if where.strip() == "not found" and name not in missing:
                missing.append(name)
    return missing


def main() -> int:
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return 0
    if os.environ.get("QT_QPA_PLATFORM", "xcb").split(":")[0] not in ("", "xcb"):
        return 0  # offscreen, wayland …: the xcb plugin is not used
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return 0  # not installed yet: pip reports that itself
    missing = missing_libraries(Path(spec.origin).parent / "Qt")
    if not missing:
        return 0
    packages = sorted({DEBIAN_PACKAGES[name] for name in missing if name in DEBIAN_PACKAGES})
    unknown = [name for name in missing if name not in DEBIAN_PACKAGES]
    print("The app's window needs system libraries this machine does not have:", ", ".join(missing))
    if packages:
        print("On Debian or Ubuntu install them with:")
        print("    sudo apt-get install " + " ".join(packages))
    if unknown:
        print("Find the package of the others with:  apt-file search " + " ".join(unknown))
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
