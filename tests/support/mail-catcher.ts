import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

/** One message as the SMTP server received it. */
export interface CaughtMail {
  from: string;
  to: string[];
  raw: string;
  /** The Message-ID header, e.g. `<uuid@example.com>`. */
  messageId: string | undefined;
  subject: string | undefined;
}

export interface MailCatcher {
  port: number;
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  messages: CaughtMail[];
  /** Stops listening: the port is closed, as when the mail server is down. */
  stop(): Promise<void>;
  /** Listens again on the same port (nothing happens while it is listening). */
  start(): Promise<void>;
  /**
   * The next n messages are received in full and recorded, then the connection is cut before the
   * server answers: the sender never learns the message arrived (a lost SMTP response).
   */
  dropRepliesFor(n: number): void;
  /** The next n messages are refused with this reply (e.g. 550 for a mailbox that does not exist). */
  refuseNext(n: number, code: number, message: string): void;
}

function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, " ");
  const match = new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head);
  return match?.[1].trim();
}

/**
 * A real SMTP server in the test process (npm smtp-server) that keeps what it receives. No TLS and
 * no authentication, so nodemailer talks plain SMTP to it as it would to a relay on localhost.
 */
export async function startMailCatcher(): Promise<MailCatcher> {
  const messages: CaughtMail[] = [];
  let dropping = 0;
  let refusing: { n: number; code: number; message: string } = { n: 0, code: 0, message: "" };
  let server: SMTPServer;
  let port = 0;
  let listening = false;

  const create = () =>
    new SMTPServer({
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      closeTimeout: 100,
      onData(stream, session: SMTPServerSession, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          if (refusing.n > 0) {
            refusing.n--;
            callback(Object.assign(new Error(refusing.message), { responseCode: refusing.code }));
            return;
          }
          const raw = Buffer.concat(chunks).toString("utf8");
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
          messages.push({ from, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw, messageId: header(raw, "Message-ID"), subject: header(raw, "Subject") });
          if (dropping > 0) {
            dropping--;
            for (const connection of server.connections) if (connection.id === session.id) connection._socket.destroy();
            return;
          }
          callback(null);
        });
      },
    });

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      if (listening) return resolve();
      server = create();
      server.server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        port = (server.server.address() as AddressInfo).port;
        listening = true;
        resolve();
      });
    });
  await listen();

  return {
    get port() {
      return port;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    messages,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!listening) return resolve();
        listening = false;
        for (const connection of server.connections) connection._socket.destroy();
        server.close(() => resolve());
      }),
    start: listen,
    dropRepliesFor(n) {
      dropping = n;
    },
    refuseNext(n, code, message) {
      refusing = { n, code, message };
    },
  };
}
