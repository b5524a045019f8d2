import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /**
   * The Message-ID header, `<unique@domain>`. The outbox gives each of its rows
   * one, so a message sent again after a crash is recognisably the same.
   */
  messageId?: string | undefined;
}

export interface SentMail extends MailMessage {
  at: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Outside production and without SMTP, the last messages, for the dev mailbox page. */
  readonly devMailbox: SentMail[] | null;
}

const DEV_MAILBOX_SIZE = 50;

/**
 * Mail goes through SMTP when SMTP_URL is set. Without it (development,
 * demos) each message is logged and kept in memory for /dev/mailbox; in
 * production without SMTP the messages are only logged.
 */
export function createMailer(options: {
  smtpUrl?: string | undefined;
  from: string;
  production: boolean;
  log: (message: string) => void;
}): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      devMailbox: null,
      async send({ messageId, ...message }) {
        await transport.sendMail({ from: options.from, ...message, ...(messageId ? { messageId } : {}) });
      },
    };
  }
  const devMailbox: SentMail[] | null = options.production ? null : [];
  return {
    devMailbox,
    async send(message) {
      options.log(`mail to ${message.to}: ${message.subject}\n${message.text}`);
      // The same message sent again (the outbox retrying after a crash) is shown once.
      if (devMailbox && !(message.messageId && devMailbox.some((m) => m.messageId === message.messageId))) {
        devMailbox.unshift({ ...message, at: new Date().toISOString() });
        devMailbox.length = Math.min(devMailbox.length, DEV_MAILBOX_SIZE);
      }
    },
  };
}
