"""All Word XML is read and written in render/wordxml.py: no other module imports lxml or
docx.oxml (python-docx's XML layer), so a Word trick has one place to live and to be found."""

import ast

from helpers import REPO

PACKAGE = REPO / "assembler"
XML_MODULES = ("lxml", "docx.oxml")
# read/workbook.py streams the cells of .xlsx sheets (SpreadsheetML, not Word) with lxml
ALLOWED = {"assembler/render/wordxml.py", "assembler/read/workbook.py"}


def xml_imports(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level
                 else [])
        found += [n for n in names if any(n == m or n.startswith(m + ".") for m in XML_MODULES)]
    return found


def test_only_wordxml_imports_the_xml_libraries():
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(REPO).as_posix()
        if name not in ALLOWED and (found := xml_imports(path.read_text(encoding="utf-8"))):
            offenders[name] = found
    assert offenders == {}


def test_the_walk_finds_every_form_of_import():
    source = ("import lxml.etree\nfrom lxml import etree\nfrom docx.oxml.ns import qn\n"
              "def f():\n    from docx.oxml import OxmlElement\n"
              "import docx\nfrom docx import Document\n")
    assert xml_imports(source) == ["lxml.etree", "lxml", "docx.oxml.ns", "docx.oxml"]


def test_no_other_module_spells_out_the_wordprocessingml_namespace():
    namespace = "wordprocessingml/2006/main"
    spelled = [path.relative_to(REPO).as_posix() for path in sorted(PACKAGE.rglob("*.py"))
               if namespace in path.read_text(encoding="utf-8")]
    assert spelled == ["assembler/render/wordxml.py"]
