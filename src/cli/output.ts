/** Progress and results for people, on stderr, so stdout stays clean for machine output. */
export function say(message: string): void {
  process.stderr.write(`${message}\n`);
}
