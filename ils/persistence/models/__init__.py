"""Stored reports, one module per part of the domain; Django finds every model through this package.

`core` holds the report, its goal tree, indicators, activities, economy tables, roles, audit and
KF's definitions. A new part of the document gets its own module here, imported below.
"""
from .core import *  # noqa: F401,F403
from .core import _amount, _choices  # noqa: F401  (field helpers for the part modules)
from .texts import *  # noqa: F401,F403
from .economy import *  # noqa: F401,F403
from .docparts import *  # noqa: F401,F403
from .internal_control import *  # noqa: F401,F403
