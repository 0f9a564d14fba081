"""How far the read replica is behind the primary (`county status`, the console's /terminals).

Three measures, each read on the databases themselves:

- changes: the primary's change counter minus the replica's (the terminals'
  own measure: changes a terminal reading the replica cannot see yet);
- bytes: the primary's WAL position (``pg_current_wal_insert_lsn()``) minus what the
  replica has replayed (``pg_last_wal_replay_lsn()``);
- seconds: 0 when the replica has replayed all the primary had written, else
  the time since the last transaction it replayed committed on the primary
  (``pg_last_xact_replay_timestamp()``; an idle primary's first commit after
  a quiet hour reads as an hour for the moment it takes to replay).

Plus whether replay is paused (``pg_wal_replay_pause()``) and whether the
replica is a standby at all (after a failover the old one is not).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from county.seq import current_seq

__all__ = ["ReplicaLag", "lag_words", "lsn_bytes", "replica_lag"]

_PRIMARY = text("SELECT pg_current_wal_insert_lsn()::text")
_REPLICA = text("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text, "
                "CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() END, "
                "EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())")


def lsn_bytes(lsn: str) -> int:
    """A WAL position (``16/B374D848``) as a byte offset."""
    high, _, low = lsn.partition("/")
    return (int(high, 16) << 32) + int(low, 16)


@dataclass(frozen=True)
class ReplicaLag:
    """The primary's and the replica's positions and the lag between them.

    ``error`` is set (and the replica's fields None) when the replica could not be read
    or is not a standby."""

    primary_change: int
    primary_lsn: str
    replica_change: int | None = None
    replica_lsn: str | None = None
    paused: bool = False
    changes_behind: int | None = None
    bytes_behind: int | None = None
    seconds_behind: float | None = None
    error: str | None = None

    @property
    def behind(self) -> bool:
        """True when terminals reading the replica miss changes, or it cannot be read."""
        return self.error is not None or bool(self.changes_behind) or self.paused


def replica_lag(primary: Engine, replica: Engine) -> ReplicaLag:
    """Measure now: the primary first, then the replica (so a replica that keeps up
    reads as 0 behind). Raises ``DBAPIError`` only when the *primary* cannot be read."""
    with primary.connect() as conn:
        primary_change = current_seq(conn)
        primary_lsn = str(conn.execute(_PRIMARY).scalar_one())
    try:
        with replica.connect() as conn:
            standby, replay_lsn, paused, since_commit = conn.execute(_REPLICA).one()
            replica_change = current_seq(conn)
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        return ReplicaLag(primary_change, primary_lsn, error=f"cannot read the replica: "
                                                             f"{reason[:200]}")
    if not standby or replay_lsn is None:
        return ReplicaLag(primary_change, primary_lsn, replica_change,
                          error="the replica is not a standby (promoted?)")
    behind_bytes = max(0, lsn_bytes(primary_lsn) - lsn_bytes(str(replay_lsn)))
    seconds = 0.0 if behind_bytes == 0 or since_commit is None else max(0.0,
                                                                         float(since_commit))
    return ReplicaLag(primary_change, primary_lsn, replica_change, str(replay_lsn),
                      paused=bool(paused), changes_behind=max(0, primary_change - replica_change),
                      bytes_behind=behind_bytes, seconds_behind=seconds)


def lag_words(lag: ReplicaLag) -> str:
    """The lag in one Chinese line for the console (plain text)."""
    if lag.error is not None:
        return f"只读副本不可用：{lag.error}"
    if not lag.behind:
        return "只读副本：已同步"
    words = (f"只读副本落后 {lag.changes_behind} 条变更（{lag.bytes_behind} 字节，"
             f"约 {lag.seconds_behind:.0f} 秒）")
    return words + ("；回放已暂停" if lag.paused else "")
