"""The collision rules: each a named unit with its wording, its parameters as data, its SQL.

A rule's name is a public contract (`county collide --rule NAME`, stored on
every lead). Each rule builds one SQLAlchemy Core ``SELECT`` that runs on
SQLite and PostgreSQL and returns its evidence rows with these columns:

``grp``        which lead the row belongs to (text, unique within the rule)
``id_hash``    the person the lead is about
``payment_id`` the payment row (NULL for a reference-only row)
``ref_id``     the reference row (NULL for a payment-only row)
``stake``      fen at stake through this row

A lead's amount is the sum of its rows' ``stake`` unless the rule says
otherwise (:attr:`Rule.amount`). What a rule finds is a lead to look into,
never a finding of wrongdoing (docs/collision-rules.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeAlias

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    cast,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy.orm import aliased

from county.collision.models import BenefitStandard, ReferenceRow
from county.collision.names import RULE_NAMES
from county.models import HouseholdMember, Payment

__all__ = ["CHECK_NEXT", "RULES", "Evidence", "Query", "Rule", "RuleContext", "rule_named"]

#: A rule's SELECT (its columns are listed in the module docstring).
Query: TypeAlias = "Select[*tuple[Any, ...]]"


@dataclass(frozen=True)
class RuleContext:
    """What a run passes every rule: the database dialect and the ``--since`` date."""

    dialect: str
    since: date | None = None


@dataclass(frozen=True)
class Evidence:
    """One evidence row a rule returned."""

    grp: str
    id_hash: str
    payment_id: int | None
    ref_id: int | None
    stake: int


def _sum(rows: Sequence[Evidence]) -> int:
    return sum(r.stake for r in rows)


@dataclass(frozen=True)
class Rule:
    """A named rule: wording (Chinese for officers, English for logs), parameters, query."""

    name: str
    zh: str
    en: str
    params: Mapping[str, Any]
    build: Callable[[Mapping[str, Any], RuleContext], Query]
    amount: Callable[[Sequence[Evidence]], int] = field(default=_sum)

    def query(self, ctx: RuleContext) -> Query:
        """The rule's SELECT for ``ctx`` (with its own parameters)."""
        return self.build(self.params, ctx)


def _live(p: Any, ctx: RuleContext) -> ColumnElement[bool]:
    """A payment that counts: not withdrawn, not returned, paid since ``--since``."""
    cond = and_(p.deleted.is_(False), p.status != "returned")
    if ctx.since is not None:
        cond = and_(cond, p.paid_on >= ctx.since)
    return cond


def _exists(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """``EXISTS (SELECT 1 … WHERE conditions)``: SQLAlchemy's ``exists()`` selects ``*``,
    which keeps SQLite from answering it from a covering index alone."""
    return select(literal_column("1")).where(*conditions).exists()


def _text(column: Any) -> ColumnElement[str]:
    return cast(column, String)


def _days_after(column: Any, days: int, ctx: RuleContext) -> ColumnElement[Any]:
    """``column + days`` (a date) in the dialect's own date arithmetic."""
    if ctx.dialect == "sqlite":  # dates are ISO text there: compare as text
        return func.date(column, f"+{int(days)} days")
    shifted: ColumnElement[Any] = column + literal(int(days))
    return shifted


def _paid_after_death(params: Mapping[str, Any], ctx: RuleContext) -> Query:
    p, d = Payment, ReferenceRow
    return (select(_text(d.id).label("grp"), p.id_hash, p.id.label("payment_id"),
                   d.id.label("ref_id"), p.amount_fen.label("stake"))
            .join(d, and_(d.kind == "deaths", d.id_hash == p.id_hash))
            .where(_live(p, ctx), d.event_on.is_not(None),
                   p.paid_on > _days_after(d.event_on, params["grace_days"], ctx)))


def _duplicate_in_period(params: Mapping[str, Any], ctx: RuleContext) -> Query:
    # Both engines read ix_payment_collide_live (person, item, period, …, amount, paid_on)
    # in order, never the table. PostgreSQL: one window pass over its index-only scan.
    # SQLite materialises a window's rows, so there: the groups from a scan of the covering
    # index, each joined back through the same index.
    p = Payment
    grp = (p.id_hash.concat(":").concat(p.item_code).concat(":").concat(p.period)
           .label("grp"))
    if ctx.dialect == "sqlite":
        twice = (select(p.id_hash, p.item_code, p.period)
                 .where(_live(p, ctx), p.period != "")
                 .group_by(p.id_hash, p.item_code, p.period)
                 .having(func.count() >= params["min_count"]).subquery("twice"))
        return (select(grp, p.id_hash, p.id.label("payment_id"), null().label("ref_id"),
                       p.amount_fen.label("stake"))
                .join(twice, and_(twice.c.id_hash == p.id_hash,
                                  twice.c.item_code == p.item_code,
                                  twice.c.period == p.period))
                .where(_live(p, ctx)))
    counted = (select(grp, p.id_hash, p.id.label("payment_id"), null().label("ref_id"),
                      p.amount_fen.label("stake"),
                      func.count().over(partition_by=(p.id_hash, p.item_code, p.period))
                      .label("n"))
               .where(_live(p, ctx), p.period != "").subquery("counted"))
    return (select(counted.c.grp, counted.c.id_hash, counted.c.payment_id, counted.c.ref_id,
                   counted.c.stake)
            .where(counted.c.n >= params["min_count"]))


def _one_too_many(rows: Sequence[Evidence]) -> int:
    """Paid twice: what is at stake is everything but the largest payment."""
    return _sum(rows) - max(r.stake for r in rows)


def _year_start(year: Any, ctx: RuleContext) -> ColumnElement[Any]:
    """1 January of ``year`` (an integer column) in the dialect's own dates."""
    if ctx.dialect == "sqlite":  # dates are ISO text there: compare as text
        return cast(year, String).concat("-01-01")
    return func.make_date(year, 1, 1)


def _over_standard(params: Mapping[str, Any], ctx: RuleContext) -> Query:
    # Driven from the standards' (item, year) pairs: each reads its item's payments of that
    # year as one range of ix_payment_item_paid_on_live (item, paid_on, size, amount, ...),
    # never the whole table; the limit is the standard for the payment's household size,
    # else the one for any size. ``floor`` (the item's lowest standard that year) only
    # prunes: a payment above its limit is above the floor, and the test is on the index
    # entry itself, before the two standard look-ups that nearly every payment would
    # otherwise make (on SQLite, two index searches per payment).
    p = Payment
    years = (select(BenefitStandard.item_code, BenefitStandard.year,
                    func.min(BenefitStandard.max_fen).label("floor"))
             .group_by(BenefitStandard.item_code, BenefitStandard.year).subquery("years"))
    sized, anysize = aliased(BenefitStandard), aliased(BenefitStandard)
    limit = func.coalesce(sized.max_fen, anysize.max_fen)
    return (select(_text(p.id).label("grp"), p.id_hash, p.id.label("payment_id"),
                   null().label("ref_id"), (p.amount_fen - limit).label("stake"))
            .select_from(years)
            .join(p, and_(p.item_code == years.c.item_code,
                          p.paid_on >= _year_start(years.c.year, ctx),
                          p.paid_on < _year_start(years.c.year + 1, ctx),
                          p.amount_fen > years.c.floor))
            .outerjoin(sized, and_(sized.item_code == years.c.item_code,
                                   sized.year == years.c.year,
                                   sized.household_size == p.household_size))
            .outerjoin(anysize, and_(anysize.item_code == years.c.item_code,
                                     anysize.year == years.c.year,
                                     anysize.household_size == 0))
            .where(_live(p, ctx), limit.is_not(None), p.amount_fen > limit))


def _exclusive_items(params: Mapping[str, Any], ctx: RuleContext) -> Query:
    p = Payment
    parts = []
    for first, second in params["pairs"]:
        for mine, other in ((first, second), (second, first)):
            q = aliased(Payment)
            both = _exists(q.id_hash == p.id_hash, q.period == p.period,
                           q.item_code == other, q.deleted.is_(False), q.status != "returned")
            parts.append(select(
                p.id_hash.concat(f":{first}+{second}:").concat(p.period).label("grp"),
                p.id_hash, p.id.label("payment_id"), null().label("ref_id"),
                p.amount_fen.label("stake"))
                .where(_live(p, ctx), p.item_code == mine, p.period != "", both))
    return union_all(*parts).subquery("exclusive").select()


def _officials_kin(params: Mapping[str, Any], ctx: RuleContext) -> Query:
    o, p = ReferenceRow, Payment
    own_home, kin_home = aliased(HouseholdMember), aliased(HouseholdMember)
    listed_home, listed_kin = aliased(ReferenceRow), aliased(ReferenceRow)
    officials = o.kind == "officials"
    kin = union(
        select(o.id.label("ref_id"), o.id_hash.label("id_hash")).where(officials),
        select(o.id, kin_home.id_hash)
        .join(own_home, own_home.id_hash == o.id_hash)
        .join(kin_home, and_(kin_home.household_id == own_home.household_id,
                             kin_home.deleted.is_(False), kin_home.household_id != ""))
        .where(officials),
        select(o.id, listed_kin.id_hash)
        .join(listed_home, and_(listed_home.kind == "households",
                                listed_home.id_hash == o.id_hash))
        .join(listed_kin, and_(listed_kin.kind == "households",
                               listed_kin.household_id == listed_home.household_id,
                               listed_kin.household_id != ""))
        .where(officials),
    ).subquery("kin")
    return (select(_text(kin.c.ref_id).concat(":").concat(p.id_hash).label("grp"), p.id_hash,
                   p.id.label("payment_id"), kin.c.ref_id.label("ref_id"),
                   p.amount_fen.label("stake"))
            .join(kin, kin.c.id_hash == p.id_hash)
            .where(_live(p, ctx), p.item_code.in_(params["items"])))


def _listed_while_paid(params: Mapping[str, Any], ctx: RuleContext) -> Query:
    r, p = ReferenceRow, Payment
    excluded = or_(*(and_(r.kind == kind, p.item_code.in_(items))
                     for kind, items in params["exclusions"].items()))
    return (select(_text(r.id).label("grp"), p.id_hash, p.id.label("payment_id"),
                   r.id.label("ref_id"), p.amount_fen.label("stake"))
            .join(r, and_(r.id_hash == p.id_hash, r.kind.in_(list(params["exclusions"]))))
            .where(_live(p, ctx), excluded))


def _announced_not_paid(params: Mapping[str, Any], ctx: RuleContext) -> Query:
    a, p = ReferenceRow, Payment
    q, b = aliased(Payment), aliased(ReferenceRow)
    announced = a.kind == "announcements"
    never_paid = (select(literal("a:").concat(_text(a.id)).label("grp"), a.id_hash,
                         null().label("payment_id"), a.id.label("ref_id"),
                         func.coalesce(a.amount_fen, 0).label("stake"))
                  .where(announced, ~_exists(
                      q.id_hash == a.id_hash, q.item_code == a.item_code,
                      q.period == a.period, q.deleted.is_(False), q.status != "returned")))
    # Paid but not on the 公示 of its item and period, where that 公示 was imported at all.
    # First the payments whose person is not on their 公示 (an anti-join: a few hundred of
    # the items' payments), kept apart (MATERIALIZED) so that only those are then checked
    # for a 公示 of their township: PostgreSQL otherwise joined every payment of the items
    # to the announced (item, period, township) list first (merging on the item alone,
    # ten million pairs at full scale: 1.5 s instead of 0.2 s). ``AS MATERIALIZED`` needs
    # SQLite ≥ 3.35, which the migrations' DROP COLUMN needs already.
    unlisted = (select(p.id, p.id_hash, p.amount_fen, p.item_code, p.period, p.township)
                .where(_live(p, ctx), p.item_code.in_(params["items"]),
                       ~_exists(b.kind == "announcements", b.item_code == p.item_code,
                                b.period == p.period, b.id_hash == p.id_hash))
                .cte("unlisted").prefix_with("MATERIALIZED"))
    u = unlisted.c
    never_announced = (select(literal("p:").concat(_text(u.id)).label("grp"), u.id_hash,
                              u.id.label("payment_id"), null().label("ref_id"),
                              u.amount_fen.label("stake"))
                       .where(_exists(b.kind == "announcements", b.item_code == u.item_code,
                                      b.period == u.period, b.township == u.township)))
    return union_all(never_paid, never_announced).subquery("announced").select()


#: Means-tested items: the ones an official's household is checked on, and the ones a
#: 公示 must list before payment.
MEANS_TESTED = ("DIBAO", "TEKUN", "WEIFANG", "YILIAO_JZ", "JIAOYU", "CJ_SHENGHUO")

RULES: tuple[Rule, ...] = (
    Rule("paid_after_death", "死亡后仍在发放：死亡登记日期之后仍有发放记录",
         "payments made after the payee's registered date of death",
         {"grace_days": 31}, _paid_after_death),
    Rule("duplicate_in_period", "同期重复发放：同一人同一项目同一期间发放不止一次",
         "the same person paid the same item more than once for one period",
         {"min_count": 2}, _duplicate_in_period, _one_too_many),
    Rule("over_standard", "超标准发放：单笔金额高于该项目当年的发放标准（可按保障人数）",
         "a payment above the item's standard for its year (per household size where set)",
         {}, _over_standard),
    Rule("exclusive_items", "互斥项目同时享受：如同一期间既领低保又领特困供养",
         "one person paid two mutually exclusive items for the same period",
         {"pairs": (("DIBAO", "TEKUN"),)}, _exclusive_items),
    Rule("officials_kin", "村干部及其家庭成员享受：需复核，不等于违规",
         "means-tested payments to village officials or members of their household "
         "(for review, not wrongdoing)",
         {"items": MEANS_TESTED}, _officials_kin),
    Rule("listed_while_paid", "名单人员违规享受：财政供养人员、有车人员领取其不得享受的项目",
         "a person on a list (public employees, vehicle owners) paid an item that excludes them",
         {"exclusions": {"employees": ("DIBAO", "TEKUN"), "vehicles": ("DIBAO",)}},
         _listed_while_paid),
    Rule("announced_not_paid", "公示与发放不符：公示了却未发放，或发放了却未公示",
         "announced (公示) amounts never paid, or payments missing from the announcement",
         {"items": ("DIBAO", "TEKUN")}, _announced_not_paid),
)


#: What an officer checks next, per rule (docs/collision-rules.md has the long form).
CHECK_NEXT = {
    "paid_after_death": (
        "核对每笔发放所属期间是否在死亡之前（补发）；是否按户发放、户内其他成员是否仍符合条件；"
        "死亡后资金由谁支取；部门何时得知死亡。"),
    "duplicate_in_period": "核对两笔发放的部门和批次；银行流水是否两笔都到账；是否经批准的补差。",
    "over_standard": "核对该笔是否为多月合并补发；家庭保障人数和分类施保档次；发放日适用的标准。",
    "exclusive_items": "核对两个项目的审批日期；原项目是否已停发；重叠月份的金额。",
    "officials_kin": (
        "核对是否已备案、是否公示；评议和审批人是否回避；家庭收入和财产证明。（复核，不等于违规）"),
    "listed_while_paid": (
        "核对任职或车辆登记日期与发放期间；申请时签署的承诺；名单上的身份证号与姓名是否一致。"),
    "announced_not_paid": "核对公示原件（照片、日期）和异议情况；审批记录；发放所属期间是否正确。",
}
# The contract, the rules and their advice agree.
assert tuple(r.name for r in RULES) == RULE_NAMES == tuple(CHECK_NEXT)


def rule_named(name: str) -> Rule:
    """The rule called ``name``; raises ``KeyError`` listing the names."""
    for rule in RULES:
        if rule.name == name:
            return rule
    raise KeyError(f"no rule {name!r} (rules: {', '.join(r.name for r in RULES)})")
