"""English date formats matching the Swedish ones in ``samskapa/formats/sv``: the short date
is day, abbreviated month and year ("31 Oct 2026")."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
