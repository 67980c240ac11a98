from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from markupsafe import Markup
from markupsafe import escape as ms_escape

ICON = '<span class="icon"></span>'


def django_views(user, items):
    # expect: PY-TMPL-003
    mark_safe(f"<b>{user.name}</b>")
    # expect: CWE-79
    mark_safe(user.bio)
    # expect: PY-TMPL-003
    SafeString("<a href='%s'>link</a>" % user.url)
    html = "<p>" + user.bio + "</p>"
    # followed to its one assignment
    # expect: PY-TMPL-003
    mark_safe(html)
    # safe: PY-TMPL-003
    mark_safe("<br>")
    # safe: PY-TMPL-003
    mark_safe(ICON)
    # safe: PY-TMPL-003
    mark_safe(f"<b>{escape(user.name)}</b>")
    # safe: PY-TMPL-003
    mark_safe("<i>%s</i>" % conditional_escape(user.name))
    # safe: PY-TMPL-003
    mark_safe(format_html("<b>{}</b>", user.name))
    # safe: PY-TMPL-003
    mark_safe("".join(escape(item) for item in items))
    escaped = escape(user.name)
    # safe: PY-TMPL-003
    mark_safe("<b>" + escaped + "</b>")
    # a count cannot carry markup
    # safe: PY-TMPL-003
    mark_safe(f"<b>{len(items)}</b>")
    # the output of an autoescaping template renderer
    # safe: PY-TMPL-003
    mark_safe(user.renderer.render("widget.html", {"user": user}))


def markupsafe_views(name):
    # expect: PY-TMPL-004
    Markup(f"<b>{name}</b>")
    # expect: PY-TMPL-004
    Markup(name)
    # safe: PY-TMPL-004
    Markup("<b>{}</b>").format(name)
    # safe: PY-TMPL-004
    Markup("<b>%s</b>") % name
    # safe: PY-TMPL-004
    Markup.escape(name)
    # safe: PY-TMPL-004
    Markup(ms_escape(name))
    # safe: PY-TMPL-004
    Markup("<hr>")
