"""Public disclosure (村务公开) on the county side: which benefit items are published as
rolls (公示花名册) and for how long, the roll entries each village's terminals receive,
and the micro-power list (小微权力清单). Tables: migration 0501."""
