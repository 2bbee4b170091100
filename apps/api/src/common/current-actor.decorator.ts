import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '../access/actor';

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
