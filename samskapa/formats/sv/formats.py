"""Swedish date formats on top of Django's: dates are written in lower case, as in Swedish
("31 okt 2026", "31 oktober 2026"). Templates ask for ``SHORT_DATE_FORMAT`` or
``DATE_FORMAT`` by name, never for a pattern of their own."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j b Y"
SHORT_DATETIME_FORMAT = "j b Y H:i"
