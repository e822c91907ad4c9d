import { config, mailConfig } from "@/lib/config";
import { sendMail } from "@/lib/email/send";

/**
 * Sends next-auth's sign-in links through the shop's one mail sender (lib/email/send): SMTP_URL
 * when set; otherwise the development transport, which logs the message (without its body) and
 * shows it in the admin's Emails page. A live shop must really send them, so without SMTP_URL a
 * production shop that is not a demo refuses, and the shopper is told sign-in failed instead of
 * waiting for a link that will never come.
 */
export interface SignInMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export async function sendSignInMail(message: SignInMessage): Promise<void> {
  const live = process.env.NODE_ENV === "production" && config().shopMode !== "demo";
  if (live && !mailConfig().smtpUrl) throw new Error("SMTP_URL is not set: sign-in emails cannot be sent");
  await sendMail(message);
}
