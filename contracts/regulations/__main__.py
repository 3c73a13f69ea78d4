"""``python -m contracts.regulations``: docs/regulations.md, generated from the catalogue."""

from __future__ import annotations

import sys

from contracts.regulations import Flow, Regulation, load_catalogue

_FLOWS = {
    "provider": "provider",
    "state-corporation": "State Corporation",
    "portal-information": "portal: information",
    "portal-application": "portal: application",
    "proactive": "proactive",
}
_SOURCES = {"407": "shared/seeds/000_35060450d94081fb.txt", "225": "shared/seeds/001_7e57ca2acc18771f.txt"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _flow_line(flow: Flow) -> str:
    deadline = f", within {flow.deadline} (l. {flow.deadline.lines})" if flow.deadline else ""
    return f"{_FLOWS[flow.kind]}: {len(flow.steps)} steps{deadline}"


def _service_ids(entry: Regulation) -> str:
    return "<br>".join(
        f"`{service_id}`" for service_id in (entry.application_service_id, entry.information_service_id) if service_id
    )


def _section(entry: Regulation) -> list[str]:
    lines = [
        f"## {entry.key} — {entry.names['en']}",
        "",
        f"*{entry.names['kk']}* — *{entry.names['ru']}*",
        "",
        f"Slug `{entry.slug}`; {_SOURCES[entry.order]} lines {entry.lines}; catalogue file "
        f"`contracts/regulations/{entry.file}`.",
        "",
        f"- **Provider** (l. {entry.provider.lines}): {entry.provider.text}",
    ]
    lines += [f"- **Channel, {kind}** (l. {channel.lines}): {channel.text}" for kind, channel in entry.channels]
    lines += [f"- **Service deadline** (l. {deadline.lines}): {deadline}" for deadline in entry.service_deadlines]
    for flow in entry.flows:
        lines.append(f"- **Flow, {_FLOWS[flow.kind]}** (l. {flow.lines})")
        for step in flow.steps:
            extra = "".join(
                part
                for part in (
                    f"; {step.deadline} (l. {step.deadline.lines})" if step.deadline else "",
                    f"; signed by {step.signer}" if step.signer else "",
                )
            )
            lines.append(f"  {step.number}. *{step.kind}, {step.actor}*: {step.does}{extra} (l. {step.lines})")
        lines += [
            f"  - asks {query.system}{f' `{query.service_id}`' if query.service_id else ''}: {query.what} "
            f"(l. {query.lines})"
            for query in flow.queries
        ]
        lines += [f"  - checks: {check.text} (l. {check.lines})" for check in flow.checks]
    lines += [f"- **Refusal** (l. {refusal.lines}): {refusal.text}" for refusal in entry.refusals]
    if entry.documents_loop:
        loop = entry.documents_loop
        lines.append(f"- **Documents requested back** (l. {loop.lines}): {loop.text} — then {loop.then}")
    lines.append(
        f"- **Result** (l. {entry.result_form.lines}): {entry.result_form.text}; signed by {entry.signed_by.text} "
        f"(l. {entry.signed_by.lines}); fields: {', '.join(field.text for field in entry.result_fields)}"
    )
    lines += [f"- **Notification** (l. {note.lines}): {note.text}" for note in entry.notifications]
    lines += [f"- **Qaqpa's choice — {about}** (l. {choice.lines}): {choice.text}" for about, choice in entry.choices]
    return [*lines, ""]


def render() -> str:
    catalogue = load_catalogue()
    out = [
        "# The regulations",
        "",
        "Generated from `contracts/regulations/` by `python -m contracts.regulations > docs/regulations.md`; a",
        "test fails when this page and the catalogue differ. Line numbers (l.) are those of the order's text in",
        "`shared/seeds/`.",
        "",
        "| # | service | slug | serviceIds | flows | systems asked | refusal grounds |",
        "|---|---|---|---|---|---|---:|",
    ]
    for entry in catalogue:
        flows = "; ".join(_flow_line(flow) for flow in entry.flows)
        out.append(
            f"| {entry.key} | {_cell(entry.names['en'])} | `{entry.slug}` | {_service_ids(entry)} | {_cell(flows)} | "
            f"{', '.join(entry.systems()) or '—'} | {len(entry.refusals)} |"
        )
    out.append("")
    for entry in catalogue:
        out += _section(entry)
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
