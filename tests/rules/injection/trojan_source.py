# Trojan Source: bidirectional controls reorder what an editor shows.


def is_admin(user_role):
    # expect: PY-BIDI-001
    access_level = "user‮ ⁦# Check if admin⁩ ⁦"
    # expect: PY-BIDI-001
    if access_level != "none‮⁦":  # ⁧ a comment hiding code
        return True
    # balanced isolate in a string is still reported (medium confidence)
    # expect: CWE-451
    label = "⁧مرحبا⁩"
    # safe: PY-BIDI-001
    visible = "\u202e written as an escape is harmless"
    # safe: PY-BIDI-001
    arabic = "مرحبا"
    # a right-to-left mark inside a string is ordinary right-to-left text
    # safe: PY-BIDI-001
    date_format = "d‏/m‏/Y"
    # but outside a string (here in a comment) it changes how the line is displayed
    # expect: PY-BIDI-001
    total = 1 + 2  # ‏) - 3 (
    return user_role == access_level, label, visible, arabic, date_format, total
