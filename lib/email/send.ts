import nodemailer, { type Transporter } from "nodemailer";
import { mailConfig } from "@/lib/config";
import { log } from "@/lib/log";

/** What the shop sends: the outbox's emails and next-auth's sign-in links alike. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** `<id@domain>`; keep it stable across retries of one message so a copy sent twice can be recognised. */
  messageId?: string;
}

export interface MailReceipt {
  /** "smtp": accepted by the SMTP server. "dev": no SMTP server is configured; nothing left the machine. */
  transport: "smtp" | "dev";
  messageId: string | undefined;
}

/** A mail server's answer: `responseCode` is set when the server replied (5xx: it refused the message for good). */
export class MailError extends Error {
  constructor(
    message: string,
    readonly responseCode: number | undefined,
  ) {
    super(message);
    this.name = "MailError";
  }

  get permanent(): boolean {
    return this.responseCode !== undefined && this.responseCode >= 500;
  }
}

// A hung mail server must not hold a delivery run (or its lease) for nodemailer's default minutes.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

const transports = new Map<string, Transporter>();

export interface DevMail extends MailMessage {
  sentAt: Date;
}

const DEV_MAILBOX_SIZE = 50;
// On globalThis: Next's dev server reloads modules, and the page reading it must see what a route sent.
const devMailbox = ((globalThis as unknown as { devMailbox?: DevMail[] }).devMailbox ??= []);

/**
 * Messages the dev transport "sent" that are not in the outbox (sign-in links), newest first, kept
 * in this process's memory: the development mail viewer shows them beside the outbox.
 */
export function recentDevMail(): DevMail[] {
  return [...devMailbox].reverse();
}

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    const url = new URL(smtpUrl);
    transport = nodemailer.createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === "smtps:" ? 465 : 587,
      secure: url.protocol === "smtps:",
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      ...TIMEOUTS,
    });
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/**
 * Sends one message through the configured SMTP server (SMTP_URL, from MAIL_FROM). Without an
 * SMTP server (the no-setup default) nothing is sent: the message is logged (without its body)
 * and shown in full in the admin's Emails page, the development mail viewer (the outbox's emails
 * from their rows, others from recentDevMail()).
 */
export async function sendMail(message: MailMessage, options: { fromOutbox?: boolean } = {}): Promise<MailReceipt> {
  const mail = mailConfig();
  if (!mail.smtpUrl) {
    if (!options.fromOutbox) {
      devMailbox.push({ ...message, sentAt: new Date() });
      devMailbox.splice(0, Math.max(0, devMailbox.length - DEV_MAILBOX_SIZE));
    }
    // Not the body: it may carry a secret link (an order's token, a sign-in link).
    log.info("dev_mail", { to: message.to, subject: message.subject, messageId: message.messageId });
    return { transport: "dev", messageId: message.messageId };
  }
  try {
    const info = await transportFor(mail.smtpUrl).sendMail({ from: mail.from, to: message.to, subject: message.subject, text: message.text, html: message.html, messageId: message.messageId });
    return { transport: "smtp", messageId: info.messageId };
  } catch (error) {
    const responseCode = (error as { responseCode?: unknown }).responseCode;
    throw new MailError(error instanceof Error ? error.message : String(error), typeof responseCode === "number" ? responseCode : undefined);
  }
}
