from lxml import etree
from lxml import objectify
from lxml.etree import XMLParser, fromstring

SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
DOCUMENT = "<config><debug>false</debug></config>"


def parse_upload(data, path, flag):
    # expect: PY-XML-001
    unsafe = etree.XMLParser(resolve_entities=True)
    # expect: CWE-611
    XMLParser(no_network=False)
    # expect: PY-XML-001
    etree.iterparse(path, resolve_entities=True)
    # expect: PY-XML-004
    XMLParser(huge_tree=True)
    # the parser is reported where it is made, not where it is used
    # safe: PY-XML-002
    etree.fromstring(data, unsafe)
    # expect: PY-XML-002
    etree.fromstring(data)
    # expect: PY-XML-002
    etree.parse(path)
    # expect: PY-XML-002
    fromstring(data, parser=XMLParser())
    # expect: PY-XML-002
    objectify.fromstring(data)
    # expect: PY-XML-002
    etree.iterparse(path)
    # safe: PY-XML-002
    etree.fromstring(data, SAFE_PARSER)
    # safe: PY-XML-002
    etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))
    local_parser = XMLParser(resolve_entities=False, no_network=True)
    # safe: PY-XML-002
    etree.parse(path, local_parser)
    # a constant document cannot attack the parser
    # safe: PY-XML-002
    etree.fromstring(DOCUMENT)
    # safe: PY-XML-001
    etree.XMLParser(resolve_entities=False)
    # lxml 5's own default spelled out
    # safe: PY-XML-001
    etree.XMLParser(resolve_entities="internal")
    # safe: PY-XML-001
    etree.XMLParser(no_network=True)
    # a decision made at run time is not judged here
    # safe: PY-XML-001
    etree.XMLParser(resolve_entities=flag)
    # safe: PY-XML-004
    etree.XMLParser(huge_tree=False)
