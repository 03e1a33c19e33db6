"""essdash: the shared territorial diagnostic of the ESS.

Figures, live workshops, restitution and follow-up.
"""

__version__ = "0.1.0"
