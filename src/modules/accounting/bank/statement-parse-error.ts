// A bank file we refuse, saying where and why. Not an AppError on purpose: the accounting module's
// errors.ts turns it into its own error code; this folder stays free of HTTP concerns.

export type ParseProblem = { line: number | null; reason: string };

// Enough to fix a file by hand; a file that is wrong on every row says so in its count.
export const MAX_REPORTED_PROBLEMS = 200;

export class StatementParseError extends Error {
  readonly reason: string;
  readonly line: number | null;
  readonly problems: ParseProblem[];

  constructor(reason: string, line: number | null = null, problems: ParseProblem[] = []) {
    super(line === null ? reason : `line ${line}: ${reason}`);
    this.name = 'StatementParseError';
    this.reason = reason;
    this.line = line;
    this.problems = problems.length > 0 ? problems.slice(0, MAX_REPORTED_PROBLEMS) : [{ line, reason }];
  }

  /** One error for many problems, e.g. every bad row of a CSV file. */
  static fromProblems(summary: string, problems: ParseProblem[]): StatementParseError {
    const first = problems[0];
    const counted =
      problems.length === 1 && first ? first.reason : `${summary} (${problems.length} problems)`;
    return new StatementParseError(counted, first?.line ?? null, problems);
  }
}

/** Collects problems instead of stopping at the first, so one answer lists them all. */
export class ProblemList {
  readonly problems: ParseProblem[] = [];

  add(line: number | null, reason: string): void {
    this.problems.push({ line, reason });
  }

  // Runs a step that may refuse its input; records the refusal and returns null instead.
  attempt<T>(line: number | null, step: () => T): T | null {
    try {
      return step();
    } catch (error) {
      if (!(error instanceof StatementParseError)) throw error;
      for (const problem of error.problems) this.add(problem.line ?? line, problem.reason);
      return null;
    }
  }

  throwIfAny(summary: string): void {
    if (this.problems.length > 0) throw StatementParseError.fromProblems(summary, this.problems);
  }
}
