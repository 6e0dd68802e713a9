"""What callers send to the public methods (over JSON-RPC or a portal
form), read strictly: a value is taken for what it is or refused, never
turned into something else."""


def record_id(value):
    """``value`` as a record id: a whole number from 1, given as a number or
    as its digits in text (a form field, a JSON object's key). None for
    anything else (a boolean, a negative or decimal number, a word...)."""
    if isinstance(value, str):
        text = value.strip()
        value = int(text) if text.isascii() and text.isdigit() else None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return None
    return value


def id_list(value):
    """``value`` as a list of record ids (numbers, as JSON-RPC sends them),
    or None when it is not such a list."""
    if not isinstance(value, (list, tuple)):
        return None
    if any(isinstance(item, str) or record_id(item) is None for item in value):
        return None
    return list(value)
