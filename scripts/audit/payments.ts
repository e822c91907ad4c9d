// `npm run audit:payments [-- --url https://shop.example --days 7 --output report.md --logs FILE]`:
// checks a deployment as a payments reviewer would (lib/audit). Exit 0 clean, 1 warnings, 2 critical.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { loadEnvFiles } from "../env";

const USAGE = "usage: npm run audit:payments [-- --url https://shop.example --days 7 --output report.md --logs FILE]";

function parseArguments() {
  try {
    return parseArgs({
      options: { url: { type: "string" }, days: { type: "string", default: "7" }, output: { type: "string" }, logs: { type: "string" }, help: { type: "boolean" } },
      strict: true,
    }).values;
  } catch (error) {
    // A mistyped command is a failed audit, never a clean one: exit 2 with the usage.
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
}
const values = parseArguments();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const days = Number(values.days);
if (!Number.isInteger(days) || days < 1 || days > 366) {
  console.error(`--days must be a whole number of days from 1 to 366\n${USAGE}`);
  process.exit(2);
}
if (values.url && !URL.canParse(values.url)) {
  console.error(`--url must be an address such as https://shop.example\n${USAGE}`);
  process.exit(2);
}

loadEnvFiles();
const { closeAudit, runAudit } = await import("../../lib/audit/run");
const { exitCodeFor } = await import("../../lib/audit/findings");
const { renderMarkdown, renderText } = await import("../../lib/audit/report");

const sections = await runAudit({ env: process.env, url: values.url, days, logsFile: values.logs });
console.log(renderText(sections));
if (values.output) {
  await writeFile(values.output, renderMarkdown(sections));
  console.log(`\nMarkdown report written to ${values.output}`);
}
await closeAudit();
process.exit(exitCodeFor(sections.flatMap((section) => section.findings)));
