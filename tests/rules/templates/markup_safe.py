from django.forms.utils import flatatt
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


class Picture:
    def __init__(self, image, attrs):
        self.image = image
        self.attrs = attrs

    def __html__(self):
        # flatatt escapes every attribute value (format_html_join)
        # safe: PY-TMPL-003
        return mark_safe(f"<img{flatatt(self.attrs)}>")

    def wrapped(self):
        # what an object's __html__ returns is markup it vouches for
        # safe: PY-TMPL-003
        return mark_safe(f"<picture>{self.image.__html__()}</picture>")

    def caption(self):
        # expect: PY-TMPL-003
        return mark_safe(f"<figcaption>{self.attrs['title']}</figcaption>")


def indented_label(title, depth):
    indent = "&nbsp;&nbsp;" * depth
    # a constant repeated, and an escaped title
    # safe: PY-TMPL-003
    return mark_safe("%s%s" % (indent, escape(title)))


def tabbed_label(title, depth):
    indent = title * depth
    # expect: PY-TMPL-003
    return mark_safe("%s%s" % (indent, escape(title)))
