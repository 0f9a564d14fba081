"""Read-aloud for villagers who cannot read the screen (issue 18).

- :mod:`kiosk.speech.numbers`: numbers, money, years, dates and ticket numbers as
  spoken Mandarin words (no digits reach the speech engine).
- :mod:`kiosk.speech.text`: what each villager screen says, as one Chinese text.
- :mod:`kiosk.speech.pinyin`: Chinese text → tone-numbered pinyin for espeak-ng's
  ``cmn-latn-pinyin`` voice, with the surname and domain-word override table.

Pure: no Qt, no subprocesses. The engine that turns the pinyin into sound lives in
:mod:`drivers.speech`.
"""
