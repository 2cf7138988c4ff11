export type FieldProblem = { path: string; message: string; code?: string };

export type Problem = {
  type?: string;
  code: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
};

/** An API refusal (problem+json), thrown by unwrap() so queries and forms can branch on `code`. */
export class ProblemError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
  }
  get code() {
    return this.problem.code;
  }
  get status() {
    return this.problem.status;
  }
}

export function isProblem(error: unknown, code?: string): error is ProblemError {
  return error instanceof ProblemError && (code === undefined || error.code === code);
}

/** Field errors keyed by the field's path in the body (`body.name` → `name`). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ProblemError)) return {};
  const result: Record<string, string> = {};
  for (const item of error.problem.errors ?? []) {
    const key = item.path.replace(/^body\.?/, '');
    if (key && !(key in result)) result[key] = item.message;
  }
  return result;
}
