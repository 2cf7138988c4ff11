// Reads a generated PDF back for tests: its text per page, as a reader's copy-paste would give it.

import { extractText, getDocumentProxy } from 'unpdf';

export type ReadPdf = {
  totalPages: number;
  /** Each page's text with every run of whitespace (no-break spaces too) made one space. */
  pages: string[];
  all: string;
  info: Record<string, unknown>;
};

export async function readPdf(pdf: Buffer): Promise<ReadPdf> {
  // A copy: PDF.js takes over the array it is given.
  const proxy = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(proxy, { mergePages: false });
  const pages = text.map(spaced);
  const { info } = await proxy.getMetadata();
  return { totalPages, pages, all: pages.join(' '), info: info as Record<string, unknown> };
}

export function spaced(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
