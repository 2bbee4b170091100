import { HttpException, HttpStatus } from '@nestjs/common';
import type { ErrorCode } from '@red-butler/domain';

/** The one error type the API throws on purpose; rendered as `{code, message, details}`. */
export class ApiException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super({ code, message, details }, status);
  }

  static notFound(what: string): ApiException {
    return new ApiException(HttpStatus.NOT_FOUND, 'NOT_FOUND', `${what} not found`);
  }

  /** A bad reference in a body field, e.g. an unknown compoundId. */
  static invalidReference(field: string, message: string): ApiException {
    return new ApiException(HttpStatus.BAD_REQUEST, 'INVALID_REFERENCE', `${field}: ${message}`, [
      { field, message },
    ]);
  }

  static validation(field: string, message: string): ApiException {
    return new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `${field}: ${message}`, [
      { field, message },
    ]);
  }
}
