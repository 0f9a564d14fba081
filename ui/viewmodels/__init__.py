"""One view-model per screen: typed Qt properties, slots, a ``failed`` signal."""
