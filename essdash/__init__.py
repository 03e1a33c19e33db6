"""essdash: the shared territorial diagnostic of the ESS (figures, workshops, restitution, follow-up)."""

__version__ = "0.1.0"
