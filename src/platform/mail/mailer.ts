import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export type MailAttachment = { filename: string; contentType: string; content: Buffer };
export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  attachments?: MailAttachment[] | undefined;
};
export type Mailer = { send(mail: OutgoingMail): Promise<void> };

/**
 * Sends through the SMTP server at `smtpUrl` (smtp:// or smtps://, with credentials in the URL).
 * Without one, mail is not sent: the log says so (without the body, which may hold a link).
 */
export function createMailer(options: { smtpUrl: string | undefined; from: string }, logger: Logger): Mailer {
  if (!options.smtpUrl) {
    return {
      async send(mail) {
        logger.warn({ to: mail.to, subject: mail.subject }, 'mail not sent: TANDEM_SMTP_URL is not set');
      },
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        attachments: mail.attachments?.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      });
    },
  };
}
