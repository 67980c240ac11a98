import xml.dom.minidom
import xml.etree.ElementTree as ET
import xml.sax
from xml.dom import pulldom
from xml.etree.cElementTree import fromstring as c_fromstring
from xml.sax.handler import feature_external_ges

import defusedxml.ElementTree as SafeET
from defusedxml import minidom as safe_minidom

from app.xmlsafety import HardenedParser

TEMPLATE = "<root><item/></root>"


def load(data, path, handler):
    # expect: PY-XML-003
    ET.fromstring(data)
    # expect: CWE-776
    ET.parse(path)
    # expect: PY-XML-003
    c_fromstring(data)
    # expect: PY-XML-003
    xml.dom.minidom.parseString(data)
    # expect: PY-XML-003
    pulldom.parse(path)
    # expect: PY-XML-003
    xml.sax.parseString(data, handler)
    # expect: PY-XML-003
    ET.iterparse(path, events=("start",))
    # defusedxml is the fix
    # safe: PY-XML-003
    SafeET.fromstring(data)
    # safe: PY-XML-003
    safe_minidom.parseString(data)
    # a constant document: audit only
    # safe: PY-XML-003
    ET.fromstring(TEMPLATE)
    # a hardened parser passed in: judged where it is defined
    # safe: PY-XML-003
    pulldom.parse(path, parser=HardenedParser())
    # safe: PY-XML-003
    ET.parse(path, parser=HardenedParser())
    # building XML is not parsing
    # safe: PY-XML-003
    ET.tostring(ET.Element("root"))


def sax_external(path, handler):
    parser = xml.sax.make_parser()
    # expect: PY-XML-001
    parser.setFeature(feature_external_ges, True)
    # expect: PY-XML-001
    parser.setFeature("http://xml.org/sax/features/external-parameter-entities", 1)
    # safe: PY-XML-001
    parser.setFeature(feature_external_ges, False)
    # safe: PY-XML-001
    parser.setFeature(xml.sax.handler.feature_namespaces, True)
    parser.setContentHandler(handler)
    # expect: PY-XML-003
    parser.parse(path) if False else xml.sax.parse(path, handler)
