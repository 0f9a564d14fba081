"""数据碰撞: department data cross-checked into leads (问题线索), and their handling.

Modules: ``models`` (tables), ``rules`` (the named rules, SQLAlchemy Core),
``run`` (running rules, storing each lead once, closing vanished ones),
``life`` (a lead's handling and the headline figures), ``cards`` (red and
yellow cards for late publishing), ``imports`` (imports that say what they
raise), ``standards``, ``names``. The commands (`county collide | lead |
standard | cards`) are county/cli/collide.py. Leads stay on the county server: nothing here is ever
part of the change feed terminals sync from (county/changes.py).
"""
