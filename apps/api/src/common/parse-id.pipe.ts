import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiException } from './api.exception';

const MAX_INT = 2_147_483_647;

/** Path ids are Postgres `int`: anything else is a 400 naming the parameter, never a 500. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > MAX_INT) {
      throw ApiException.validation('id', 'id must be a positive integer');
    }
    return Number(value);
  }
}
