import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { createTransport, type Transporter } from "nodemailer";
import { config } from "@/lib/config";
import { log } from "@/lib/log";

/**
 * Sends the sign-in emails. With SMTP_URL set, through that server; without it (the no-setup
 * default, demo shops and tests), each message is written as JSON into the development mail folder
 * (DEV_MAIL_DIR, default .data/mail) and its link logged, so a developer can sign in without an
 * SMTP server. A production shop that is not a demo (SHOP_MODE) refuses to send without SMTP_URL.
 * The "email" helper's lib/email/send replaces this once it lands (see the report).
 */
export interface SignInMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The magic link itself, for the development log. */
  link: string;
}

let transport: Transporter | undefined;

export function developmentMailDirectory(): string {
  return process.env.DEV_MAIL_DIR || path.join(process.cwd(), ".data/mail");
}

/** A shop taking real payments must really send mail; development and a demo shop need not. */
function developmentMailAllowed(): boolean {
  return process.env.NODE_ENV !== "production" || config().shopMode === "demo";
}

export async function sendSignInMail(message: SignInMessage): Promise<void> {
  const { smtpUrl, mailFrom } = config().auth;
  const envelope = { from: mailFrom, to: message.to, subject: message.subject, text: message.text, html: message.html };
  if (smtpUrl) {
    transport ??= createTransport(smtpUrl);
    await transport.sendMail(envelope);
    return;
  }
  if (!developmentMailAllowed()) throw new Error("SMTP_URL is not set: sign-in emails cannot be sent");
  const directory = developmentMailDirectory();
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`);
  await writeFile(file, JSON.stringify({ ...envelope, date: new Date().toISOString() }, null, 2), { mode: 0o600 });
  log.info("sign_in_mail_written", { to: message.to, file, link: message.link });
}
