// Runs one sandbox from environment variables, for `next dev` and manual testing:
//   RAZORPAY_KEY_ID=rzp_test_... RAZORPAY_KEY_SECRET=... RAZORPAY_WEBHOOK_SECRET=... \
//   RAZORPAY_SANDBOX_URL=http://127.0.0.1:4010 npx tsx sandbox/cli.ts
import { z } from "zod";
import { startSandbox } from "./server";

const required = (purpose: string) => z.string({ error: `is not set; set it to ${purpose}` });

/** An http:// URL, optionally required to be a bare origin with a port (something to listen on). */
const httpUrl = (purpose: string, { listen }: { listen: boolean }) =>
  required(purpose).superRefine((value, context) => {
    const problem = httpUrlProblem(value, listen);
    if (problem) context.addIssue({ code: "custom", message: `${problem}; set it to ${purpose}` });
  });

const environmentSchema = z.object({
  RAZORPAY_KEY_ID: required("the key id the shop uses (e.g. rzp_test_sandbox)"),
  RAZORPAY_KEY_SECRET: required("the key secret the shop uses"),
  RAZORPAY_WEBHOOK_SECRET: required("the webhook secret the shop verifies webhooks with"),
  RAZORPAY_SANDBOX_URL: httpUrl("the address to listen on, e.g. http://127.0.0.1:4010", { listen: true }),
  RAZORPAY_SANDBOX_WEBHOOK_URL: httpUrl("the shop's webhook endpoint, or leave it unset", { listen: false }).optional(),
  RAZORPAY_SANDBOX_STATE_FILE: z.string().optional(),
});

function httpUrlProblem(value: string, listen: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL`;
  }
  if (url.protocol !== "http:") return `"${value}" is not an http:// URL`;
  if (listen && url.port === "") return `"${value}" names no port`;
  if (listen && url.pathname !== "/") return `"${value}" has a path; give only the origin`;
  return undefined;
}

// Empty variables count as unset, as they do in most .env files.
const definedEnvironment = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
const parsed = environmentSchema.safeParse(definedEnvironment);
if (!parsed.success) {
  const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  console.error(`Cannot start the Razorpay sandbox; fix these environment variables:\n${problems.join("\n")}`);
  process.exit(1);
}

const environment = parsed.data;
const listenUrl = new URL(environment.RAZORPAY_SANDBOX_URL);
const sandbox = await startSandbox({
  keyId: environment.RAZORPAY_KEY_ID,
  keySecret: environment.RAZORPAY_KEY_SECRET,
  webhookSecret: environment.RAZORPAY_WEBHOOK_SECRET,
  host: listenUrl.hostname.replace(/^\[|\]$/g, ""),
  port: Number(listenUrl.port),
  webhookUrl: environment.RAZORPAY_SANDBOX_WEBHOOK_URL,
  stateFile: environment.RAZORPAY_SANDBOX_STATE_FILE,
  log: (line) => console.log(`[razorpay-sandbox] ${line}`),
});
// Installed before the ready line below, so a supervisor that signals on seeing it gets a clean exit.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    sandbox.close().then(() => process.exit(0));
  });
}
console.log(`[razorpay-sandbox] checkout script: ${sandbox.url}/v1/checkout.js`);
if (!environment.RAZORPAY_SANDBOX_WEBHOOK_URL) {
  console.log("[razorpay-sandbox] RAZORPAY_SANDBOX_WEBHOOK_URL is unset: no webhooks will be delivered");
}
