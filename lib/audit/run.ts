import { readFile } from "node:fs/promises";
import { checkConfiguration } from "./config-checks";
import { critical, ok, type AuditSection, type Finding } from "./findings";
import { auditHeaders } from "./headers";
import { scanLogText } from "./log-scan";
import { checkOperations, readOperations } from "./operations";
import { checkMetrics, describeMetrics, readPaymentMetrics } from "./payment-metrics";

export interface AuditOptions {
  env: Record<string, string | undefined>;
  /** A running instance whose headers to check; none: the section is skipped. */
  url?: string;
  days: number;
  /** A log file to scan for card data and secrets. */
  logsFile?: string;
}

let usedDatabase = false;

/** Closes the database connections the audit opened, if any (with an invalid configuration it opened none). */
export async function closeAudit(): Promise<void> {
  if (!usedDatabase) return;
  const { db } = await import("@/lib/db");
  await db().$disconnect().catch(() => undefined);
}

/** Prisma's messages start with a blank line and end with the database's own words: those are kept. */
const problem = (error: unknown) => {
  const lines = (error instanceof Error ? error.message : String(error)).split("\n").map((line) => line.trim()).filter(Boolean);
  return (lines.at(-1) ?? (error instanceof Error ? error.name : "unknown error")).slice(0, 300);
};

/** Runs every section; a section that cannot run is itself a critical finding, never a crash. */
export async function runAudit(options: AuditOptions): Promise<AuditSection[]> {
  const sections: AuditSection[] = [];
  const { findings: configFindings, config } = checkConfiguration(options.env);
  sections.push({ title: "Configuration", findings: configFindings });

  if (options.url) sections.push({ title: `Security headers of ${options.url}`, findings: await auditHeaders(options.url) });

  if (config) {
    usedDatabase = true;
    try {
      sections.push({ title: "Operations", findings: checkOperations(await readOperations()) });
      const metrics = await readPaymentMetrics(options.days);
      sections.push({ title: `Payments, last ${options.days} day(s)`, details: describeMetrics(metrics), findings: checkMetrics(metrics) });
    } catch (error) {
      sections.push({ title: "Operations", findings: [critical("ops.database", `the database could not be read: ${problem(error)}`)] });
    }
  } else {
    sections.push({ title: "Operations", findings: [critical("ops.database", "not checked: the configuration above is invalid, so the database cannot be located the way the shop does")] });
  }

  if (options.logsFile) sections.push({ title: `Logs: ${options.logsFile}`, findings: await scanLogsFile(options.logsFile, config ? [config.razorpay.keySecret, config.razorpay.webhookSecret, config.auth.secret, config.cronSecret ?? "", passwordOf(config.databaseUrl)] : []) });
  return sections;
}

function passwordOf(databaseUrl: string): string {
  try {
    return decodeURIComponent(new URL(databaseUrl).password);
  } catch {
    return "";
  }
}

/** Leaks are summarised per kind with their first lines; the values themselves never reach the report. */
async function scanLogsFile(file: string, secrets: string[]): Promise<Finding[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return [critical("logs.readable", `${file} could not be read: ${problem(error)}`)];
  }
  const leaks = scanLogText(text, { secrets });
  if (!leaks.length) return [ok("logs.clean", `${text.split("\n").length} line(s): no card numbers, CVVs, configured secrets or unmasked emails`)];
  const kinds = [...new Set(leaks.map((leak) => leak.kind))];
  return kinds.map((kind) => {
    const ofKind = leaks.filter((leak) => leak.kind === kind);
    const where = ofKind.slice(0, 5).map((leak) => `line ${leak.line} (${leak.excerpt})`).join(", ");
    return critical(`logs.${kind}`, `${ofKind.length} ${kind.replace("_", " ")}(s) in the logs: ${where}${ofKind.length > 5 ? ", …" : ""}`);
  });
}
