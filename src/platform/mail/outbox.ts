import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database, Executor } from '../db/database.ts';
import { withSystemTx } from '../db/tx.ts';
import { newId } from '../ids.ts';
import type { MailAttachment, Mailer } from './mailer.ts';
import { mailOutbox } from './schema.ts';

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
};

const MAX_ATTEMPTS = 8;
const BATCH = 20;

/** Queues a mail in the caller's transaction: it is sent only if that transaction commits. */
export async function enqueueMail(db: Executor, mail: Mail): Promise<void> {
  await db.insert(mailOutbox).values({
    id: newId(),
    toAddress: mail.to,
    subject: mail.subject,
    body: mail.text,
    htmlBody: mail.html ?? null,
    attachments:
      mail.attachments?.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        contentBase64: a.content.toString('base64'),
      })) ?? null,
  });
}

/**
 * Sends queued mail, shortly after the commit that queued it (`kick`) and every `intervalMs` for
 * retries, with a backoff of 2^attempts seconds, giving up after 8 attempts.
 */
export class MailOutbox {
  private running: Promise<void> | undefined;
  private again = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly database: Database,
    private readonly mailer: Mailer,
    private readonly logger: Logger,
    intervalMs = 30_000,
  ) {
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  /** Starts a delivery round now (or right after the current one); never throws. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.deliver()
      .catch((error) => this.logger.warn({ err: error }, 'mail delivery round failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          void this.kick();
        }
      });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async deliver(): Promise<void> {
    const due = await withSystemTx(this.database, (db) =>
      db
        .select()
        .from(mailOutbox)
        .where(
          and(
            isNull(mailOutbox.sentAt),
            lte(mailOutbox.nextAttemptAt, new Date()),
            sql`${mailOutbox.attempts} < ${MAX_ATTEMPTS}`,
          ),
        )
        .orderBy(asc(mailOutbox.createdAt))
        .limit(BATCH),
    );
    for (const mail of due) {
      try {
        await this.mailer.send({
          to: mail.toAddress,
          subject: mail.subject,
          text: mail.body ?? '',
          html: mail.htmlBody ?? undefined,
          attachments: mail.attachments?.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.contentBase64, 'base64'),
          })),
        });
        await withSystemTx(this.database, (db) =>
          db
            .update(mailOutbox)
            .set({ sentAt: new Date(), body: null, htmlBody: null, attachments: null, lastError: null })
            .where(eq(mailOutbox.id, mail.id)),
        );
      } catch (error) {
        const attempts = mail.attempts + 1;
        this.logger.warn({ err: error, mailId: mail.id, attempts }, 'mail not sent; will retry');
        await withSystemTx(this.database, (db) =>
          db
            .update(mailOutbox)
            .set({
              attempts,
              lastError: String((error as Error).message).slice(0, 500),
              nextAttemptAt: new Date(Date.now() + 2 ** attempts * 1000),
            })
            .where(eq(mailOutbox.id, mail.id)),
        );
      }
    }
  }
}
