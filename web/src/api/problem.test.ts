import { describe, expect, it } from 'vitest';
import { fieldErrorsOf, isProblem, ProblemError } from './problem';

describe('problems from the API', () => {
  const error = new ProblemError({
    code: 'platform.validation_failed',
    title: 'The request is not valid',
    status: 400,
    errors: [
      { path: 'body.name', message: 'Too small' },
      { path: 'body.name', message: 'second message for the same field' },
      { path: 'body.address.city', message: 'Required' },
      { path: 'body', message: 'Whole body' },
    ],
  });

  it('keys field errors by the field path in the body, first message first', () => {
    expect(fieldErrorsOf(error)).toEqual({ name: 'Too small', 'address.city': 'Required' });
    expect(fieldErrorsOf(new Error('network'))).toEqual({});
  });

  it('branches on the stable code', () => {
    expect(isProblem(error)).toBe(true);
    expect(isProblem(error, 'platform.validation_failed')).toBe(true);
    expect(isProblem(error, 'platform.version_conflict')).toBe(false);
    expect(isProblem(new Error('x'))).toBe(false);
  });
});
