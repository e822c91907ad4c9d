/**
 * What the payments audit reports: each check returns findings, and the worst severity decides the
 * command's exit code (0 clean, 1 warnings, 2 critical), so a scheduler or CI can act on it.
 */
export type Severity = "ok" | "warning" | "critical";

export interface Finding {
  severity: Severity;
  /** Short name of the check, e.g. "config.webhook-secret" or "headers./checkout.csp". */
  check: string;
  message: string;
}

export interface AuditSection {
  title: string;
  findings: Finding[];
  /** Figures shown as they are (metrics), not judged. */
  details?: string[];
}

const RANK: Record<Severity, number> = { ok: 0, warning: 1, critical: 2 };

export const ok = (check: string, message: string): Finding => ({ severity: "ok", check, message });
export const warning = (check: string, message: string): Finding => ({ severity: "warning", check, message });
export const critical = (check: string, message: string): Finding => ({ severity: "critical", check, message });

export function worstSeverity(findings: readonly Finding[]): Severity {
  return findings.reduce<Severity>((worst, finding) => (RANK[finding.severity] > RANK[worst] ? finding.severity : worst), "ok");
}

export function exitCodeFor(findings: readonly Finding[]): 0 | 1 | 2 {
  return RANK[worstSeverity(findings)] as 0 | 1 | 2;
}
