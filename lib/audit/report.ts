import { worstSeverity, type AuditSection, type Severity } from "./findings";

/** The audit's report: plain text for a terminal, Markdown for `--output`. */

const LABEL: Record<Severity, string> = { ok: "OK", warning: "WARNING", critical: "CRITICAL" };

export function renderText(sections: readonly AuditSection[]): string {
  const lines: string[] = [];
  for (const section of sections) {
    lines.push(`== ${section.title} ==`);
    for (const detail of section.details ?? []) lines.push(`   ${detail}`);
    for (const finding of section.findings) lines.push(`${LABEL[finding.severity].padEnd(9)}${finding.check}: ${finding.message}`);
    lines.push("");
  }
  lines.push(summary(sections));
  return lines.join("\n");
}

export function renderMarkdown(sections: readonly AuditSection[], generatedAt = new Date()): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const lines = ["# Payments audit", "", `Generated ${generatedAt.toISOString()}. ${summary(sections)}`, ""];
  for (const section of sections) {
    lines.push(`## ${section.title}`, "");
    for (const detail of section.details ?? []) lines.push(`- ${cell(detail)}`);
    if (section.details?.length) lines.push("");
    if (section.findings.length) {
      lines.push("| Severity | Check | Finding |", "| --- | --- | --- |");
      for (const finding of section.findings) lines.push(`| ${LABEL[finding.severity]} | \`${finding.check}\` | ${cell(finding.message)} |`);
      lines.push("");
    }
  }
  return lines.join("\n");
}

function summary(sections: readonly AuditSection[]): string {
  const findings = sections.flatMap((section) => section.findings);
  const count = (severity: Severity) => findings.filter((finding) => finding.severity === severity).length;
  return `Result: ${LABEL[worstSeverity(findings)]} (${count("critical")} critical, ${count("warning")} warning(s), ${count("ok")} ok).`;
}
