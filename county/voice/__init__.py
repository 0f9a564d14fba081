"""Spoken complaints at the county: the recordings terminals upload in pieces
(:mod:`county.voice.store`, the API in :mod:`county.voice.api`) and their playback
on the console's complaint page (:mod:`county.voice.console`)."""
