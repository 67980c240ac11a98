from django.db.models import F
from django.db.models.expressions import RawSQL

from app.models import Entry

COLUMN = "headline"


def search(term, column):
    # expect: PY-SQLI-002
    Entry.objects.extra(where=[f"headline = '{term}'"])
    # expect: PY-SQLI-002
    Entry.objects.extra(select={"match": "headline LIKE '%%" + term + "%%'"})
    # expect: CWE-89
    Entry.objects.extra(None, ["headline = '%s'" % term])
    # expect: PY-SQLI-002
    Entry.objects.extra(order_by=[column])
    # expect: PY-SQLI-002
    Entry.objects.annotate(val=RawSQL("SELECT col FROM t WHERE x = '%s'" % term, []))
    # expect: PY-SQLI-002
    Entry.objects.annotate(val=RawSQL(sql=column, params=[]))
    # expect: PY-SQLI-002
    Entry.objects.extra(select=dict(match="headline LIKE '%%" + term + "%%'"))
    # safe: PY-SQLI-002
    Entry.objects.extra(select=dict(is_recent="pub_date > '2006-01-01'"))
    # safe: PY-SQLI-002
    Entry.objects.extra(where=["headline = %s"], params=[term])
    # safe: PY-SQLI-002
    Entry.objects.extra(select={"is_recent": "pub_date > '2006-01-01'"})
    # safe: PY-SQLI-002
    Entry.objects.extra(order_by=[COLUMN])
    # safe: PY-SQLI-002
    Entry.objects.annotate(val=RawSQL("SELECT col FROM t WHERE x = %s", [term]))
    # safe: PY-SQLI-002
    Entry.objects.annotate(val=F("headline"))
