# cwescan-fixture: profile=audit
# expect: PY-IMPORT-406
import xml.sax
# expect: PY-IMPORT-405
import xml.etree.ElementTree as ET
# expect: PY-IMPORT-408
from xml.dom import minidom

TEMPLATE = "<root/>"


def constants_and_parsers(data):
    # a constant document: audit only
    # expect: PY-XML-005
    ET.fromstring(TEMPLATE)
    # expect: PY-XML-005
    minidom.parseString("<a/>")
    # parser objects fed later
    # expect: PY-XML-005
    parser = xml.sax.make_parser()
    # expect: PY-XML-005
    ET.XMLParser()
    # a non-constant document is the default-profile rule
    # expect: PY-XML-003
    ET.fromstring(data)
    return parser
