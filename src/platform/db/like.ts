/** Escapes LIKE's wildcards (% and _) and its escape character, so text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
