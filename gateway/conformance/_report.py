"""What a conformance run found, as text for a person and as JUnit XML for CI."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree


@dataclass(frozen=True, slots=True)
class Finding:
    service_id: str
    """The serviceId the check concerns, or the system's code for a check of the whole system."""
    check: str
    passed: bool
    detail: str
    seconds: float = 0.0


@dataclass(slots=True)
class Report:
    system: str
    url: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(finding.passed for finding in self.findings)

    @property
    def failures(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.passed]

    def text(self) -> str:
        width_service = max((len(f.service_id) for f in self.findings), default=0)
        width_check = max((len(f.check) for f in self.findings), default=0)
        lines = [f"Contract of {self.system} checked against {self.url}", ""]
        for finding in self.findings:
            verdict = "PASS" if finding.passed else "FAIL"
            first, *more = finding.detail.splitlines() or [""]
            lead = f"  {verdict}  {finding.service_id:<{width_service}}  {finding.check:<{width_check}}  "
            lines.append(lead + first)
            lines += [" " * len(lead) + line.strip() for line in more]
        failed = len(self.failures)
        lines += ["", f"{len(self.findings)} checks: {len(self.findings) - failed} passed, {failed} failed"]
        return "\n".join(lines)

    def junit(self) -> bytes:
        suites = etree.Element("testsuites")
        suite = etree.SubElement(
            suites,
            "testsuite",
            name=f"qaqpa contract check {self.system}",
            tests=str(len(self.findings)),
            failures=str(len(self.failures)),
            errors="0",
            time=f"{sum(f.seconds for f in self.findings):.3f}",
        )
        etree.SubElement(etree.SubElement(suite, "properties"), "property", name="url", value=self.url)
        for finding in self.findings:
            case = etree.SubElement(
                suite,
                "testcase",
                classname=f"{self.system}.{finding.service_id}",
                name=finding.check,
                time=f"{finding.seconds:.3f}",
            )
            if finding.passed:
                etree.SubElement(case, "system-out").text = finding.detail
            else:
                failure = etree.SubElement(case, "failure", message=finding.detail.splitlines()[0][:500])
                failure.text = finding.detail
        return bytes(etree.tostring(suites, xml_declaration=True, encoding="UTF-8", pretty_print=True))
