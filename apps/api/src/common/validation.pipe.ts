import { HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiException } from './api.exception';

interface FieldError {
  field: string;
  message: string;
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Unknown fields are refused (a client cannot set status, handler or reporter by sending them) and
 * every message names the field, e.g. `location.lat: lat must not be greater than 90`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const message = details.map((d) => `${d.field}: ${d.message}`).join('; ') || 'invalid body';
      return new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', message, details);
    },
  });
}
