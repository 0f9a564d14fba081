"""A small reader of udev rules files: enough to check ours and evaluate them on a device.

systemd 252 (Debian 12) has no ``udevadm verify``; this parser refuses what
udev would refuse or ignore (an unknown key, a match operator on an
assignment key, an unquoted value) and evaluates a rule's matches the way
udev does (shell glob, ``|`` alternatives) on a device described as a dict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

MATCH_KEYS = {"ACTION", "DEVPATH", "KERNEL", "KERNELS", "NAME", "SYMLINK", "SUBSYSTEM",
              "SUBSYSTEMS", "DRIVER", "DRIVERS", "ATTR", "ATTRS", "SYSCTL", "ENV", "CONST",
              "TAG", "TAGS", "TEST", "PROGRAM", "RESULT"}
ASSIGN_KEYS = {"NAME", "SYMLINK", "OWNER", "GROUP", "MODE", "SECLABEL", "ATTR", "SYSCTL",
               "ENV", "TAG", "RUN", "LABEL", "GOTO", "IMPORT", "OPTIONS"}
WITH_ATTRIBUTE = {"ATTR", "ATTRS", "SYSCTL", "ENV", "CONST", "TEST", "SECLABEL", "RUN",
                  "IMPORT"}
_TOKEN = re.compile(r'\s*(?P<key>[A-Z_]+)(\{(?P<attr>[^}]*)\})?\s*'
                    r'(?P<op>==|!=|\+=|-=|:=|=)\s*"(?P<value>[^"]*)"\s*(,|$)')


class RuleError(ValueError):
    """A line udev would not read as we meant it."""


@dataclass(frozen=True)
class Token:
    """One ``KEY{attr}OP"value"``."""

    key: str
    attr: str | None
    op: str
    value: str

    @property
    def is_match(self) -> bool:
        """True for ``==`` and ``!=``."""
        return self.op in ("==", "!=")


def parse_rules(path: Path) -> list[list[Token]]:
    """The rules of ``path``, one token list per rule; raises RuleError naming the line."""
    rules = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.rstrip().endswith("\\"):
            raise RuleError(f"{path.name}:{number}: continued lines are not used here")
        tokens, pos = [], 0
        while pos < len(line):
            m = _TOKEN.match(line, pos)
            if m is None:
                raise RuleError(f"{path.name}:{number}: cannot read {line[pos:]!r}")
            token = Token(m["key"], m["attr"], m["op"], m["value"])
            known = MATCH_KEYS if token.is_match else ASSIGN_KEYS
            if token.key not in known:
                raise RuleError(f"{path.name}:{number}: {token.key}{token.op} is not valid")
            if (token.attr is not None) != (token.key in WITH_ATTRIBUTE) \
                    and token.key not in ("RUN", "IMPORT"):
                raise RuleError(f"{path.name}:{number}: {token.key} attribute use is wrong")
            tokens.append(token)
            pos = m.end()
        if not any(t.is_match for t in tokens) or all(t.is_match for t in tokens):
            raise RuleError(f"{path.name}:{number}: a rule needs matches and assignments")
        rules.append(tokens)
    return rules


def _matches(pattern: str, value: str | None) -> bool:
    return value is not None and any(fnmatchcase(value, p) for p in pattern.split("|"))


def apply_rules(rules: list[list[Token]], device: dict[str, str]) -> dict[str, list[str]]:
    """What the rules assign to ``device`` (keys like ``SUBSYSTEM``, ``ATTRS{idVendor}``,
    ``ENV{DEVTYPE}``); assignment key → values in order."""
    assigned: dict[str, list[str]] = {}
    for rule in rules:
        ok = True
        for t in (t for t in rule if t.is_match):
            key = f"{t.key}{{{t.attr}}}" if t.attr is not None else t.key
            hit = _matches(t.value, device.get(key))
            if hit != (t.op == "=="):
                ok = False
                break
        if not ok:
            continue
        for t in (t for t in rule if not t.is_match):
            key = f"{t.key}{{{t.attr}}}" if t.attr is not None else t.key
            if t.op in ("=", ":="):
                assigned[key] = [t.value]
            else:
                assigned.setdefault(key, []).append(t.value)
    return assigned
