"""The optional WLT decoder: absent, unloadable, and a stand-in library built with cc."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from drivers.idcard.photo import BMP_SIZE, WltDecoder

# A stand-in with the vendor library's interface: int unpack(char*, char*, int).
# It writes a BMP header and copies the WLT bytes, and refuses all-zero input.
STANDIN_C = r"""
#include <string.h>
int unpack(char *wlt, char *bmp, int save) {
    int i, zero = 1;
    for (i = 0; i < 1024; i++) if (wlt[i]) zero = 0;
    if (zero) return -1;
    memset(bmp, 0, BMP_SIZE);
    bmp[0] = 'B'; bmp[1] = 'M';
    memcpy(bmp + 54, wlt, 1024);
    return 1;
}
""".replace("BMP_SIZE", str(BMP_SIZE))


def test_no_library_configured() -> None:
    decoder = WltDecoder(None)
    decoder.open()
    assert not decoder.is_usable()
    assert decoder.problem == "no WLT decoder library configured"
    assert decoder.to_bmp(bytes(1024)) is None


def test_missing_library_says_why(tmp_path: Path) -> None:
    decoder = WltDecoder(tmp_path / "libwlt2bmp.so")
    decoder.open()
    assert not decoder.is_usable()
    assert "cannot load" in decoder.problem and "libwlt2bmp.so" in decoder.problem


@pytest.mark.skipif(shutil.which("cc") is None,
                    reason="no C compiler (cc) to build the stand-in library")
def test_standin_library_is_called(tmp_path: Path) -> None:
    source = tmp_path / "wlt.c"
    source.write_text(STANDIN_C, encoding="ascii")
    library = tmp_path / "libwlt2bmp.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(library), str(source)], check=True)
    decoder = WltDecoder(library)
    decoder.open()
    assert decoder.is_usable() and decoder.problem == ""
    wlt = bytes(range(256)) * 4
    bmp = decoder.to_bmp(wlt)
    assert bmp is not None and len(bmp) == BMP_SIZE == 38862
    assert bmp[:2] == b"BM" and bmp[54:54 + 1024] == wlt
    assert decoder.to_bmp(bytes(1024)) is None  # the library refused
    assert decoder.to_bmp(b"short") is None
