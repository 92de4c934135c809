"""Path converters. `<id:pk>` is a database id: 1 to 18 digits, so it always fits a 64-bit
integer; anything longer simply does not match (a 404), instead of overflowing a query."""


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))
