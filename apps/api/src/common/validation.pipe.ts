import { type ArgumentMetadata, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
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

/** How a number is written in a path or query: no sign `+`, leading zero, exponent, hex or spaces. */
const CANONICAL_NUMBER = /^-?(0|[1-9]\d{0,15})(\.\d{1,20})?$/;
/** Path parameters are ids and numbers of things: whole numbers only. */
const CANONICAL_INTEGER = /^-?(0|[1-9]\d{0,15})$/;

const JSON_KIND = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);

/**
 * Nest's pipe turns a `null` body into `{}`, so `null` sent where a form is expected passed as "no
 * fields given" (a cancel without a reason, a profile update that changes nothing); an array, a number
 * or a string is no form either. A body that is absent stays allowed: actions whose fields are all
 * optional are sent without one.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value !== undefined && this.expectsForm(metadata) && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw ApiException.validation('body', `must be a JSON object, not ${JSON_KIND(value)}`);
    }
    if ((metadata.type === 'param' || metadata.type === 'query') && metadata.data && metadata.metatype === Number && typeof value === 'string' && !(metadata.type === 'param' ? CANONICAL_INTEGER : CANONICAL_NUMBER).test(value)) {
      // Nest would read it with `+value`: `1e3` as 1000, `0x10` as 16, ` 1` and `01` as 1.
      throw ApiException.validation(metadata.data, `${metadata.data} must be a number written in plain decimal digits`);
    }
    return super.transform(value, metadata);
  }

  private expectsForm(metadata: ArgumentMetadata): boolean {
    return metadata.data === undefined && metadata.metatype !== undefined && this.toValidate(metadata);
  }
}

/**
 * Unknown fields are refused (a client cannot set status, handler or reporter by sending them) and
 * every message names the field, e.g. `location.lat: lat must not be greater than 90`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
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
