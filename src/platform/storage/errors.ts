import { InvariantError } from '../assert.ts';
import { defineErrors } from '../errors.ts';

export const StorageErrors = defineErrors('storage', {
  file_too_large: { status: 413, title: 'The file is too large' },
  file_type_not_allowed: { status: 415, title: 'This type of file is not accepted' },
  file_type_mismatch: { status: 415, title: 'The file content does not match its declared type' },
  file_not_found: { status: 404, title: 'No such file' },
  invalid_file_key: { status: 400, title: 'The file key is not valid' },
});

// Stored bytes whose hash no longer matches their content-addressed key: the disk or a person
// changed them. That is a broken invariant, not bad input, so it is an InvariantError: the HTTP
// layer answers 500 `platform.internal` (without these details) and logs it as fatal.
export class FileIntegrityError extends InvariantError {
  override name = 'FileIntegrityError';

  constructor(
    readonly key: string,
    readonly expectedSha256: string,
    readonly actualSha256: string,
  ) {
    super(`stored file ${key} is corrupt: its content hashes to ${actualSha256}`);
  }
}
