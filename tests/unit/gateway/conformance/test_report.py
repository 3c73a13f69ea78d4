"""The conformance report: readable text with every finding, JUnit XML that CI tools read."""

from __future__ import annotations

from lxml import etree

from gateway.conformance import Finding, Report

_MISMATCH = "the payload does not match:\n  line 2, /a/b: bad"


def _report() -> Report:
    return Report(
        system="GBDFL",
        url="http://127.0.0.1:9/",
        findings=[
            Finding("GBDFL_UniversalServiceSync", "answer", True, "3 of 3 answered", 0.5),
            Finding(
                "GBDFL_UniversalServiceSync", "payload", False, "the payload does not match:\n  line 2, /a/b: bad", 0.25
            ),
        ],
    )


def test_the_text_names_each_check_its_verdict_and_every_line_of_its_detail() -> None:
    text = _report().text()
    assert "PASS  GBDFL_UniversalServiceSync  answer   3 of 3 answered" in text
    assert "FAIL  GBDFL_UniversalServiceSync  payload  the payload does not match:" in text
    assert "line 2, /a/b: bad" in text
    assert text.endswith("2 checks: 1 passed, 1 failed")


def test_junit_xml_counts_the_failures_and_carries_their_detail() -> None:
    report = _report()
    assert not report.passed and [f.check for f in report.failures] == ["payload"]
    suite = etree.fromstring(report.junit()).find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("time")) == ("2", "1", "0.750")
    [failure] = suite.findall("testcase/failure")
    assert failure.get("message") == "the payload does not match:"
    assert failure.text is not None and "/a/b" in failure.text
    case = failure.getparent()
    assert case is not None and (case.get("classname"), case.get("name")) == (
        "GBDFL.GBDFL_UniversalServiceSync",
        "payload",
    )
