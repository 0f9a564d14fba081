"""The spoken-complaint flow with a virtual microphone, in a process of its own.

Qt connects to the sound server once per process, the first time QtMultimedia looks
for devices, and never again: in this pytest process the read-aloud tests may already
have done so without one. So tests/voice/recording_flow.py runs in a fresh pytest
process that starts its PulseAudio daemon before the kiosk window opens.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_recording_flow_with_a_virtual_microphone() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/voice/recording_flow.py", "-p",
         "no:cacheprovider", "-x", "-q"], cwd=ROOT, capture_output=True, text=True,
        timeout=600, check=False)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    assert "2 passed" in run.stdout
