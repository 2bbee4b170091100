import { HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiException } from './api.exception';

/**
 * The bytes of the multipart field "file", with the API's 415/400/413 answers for a request that is
 * not multipart, has no file, or exceeds the limit (`maxBytes`, else the app-wide multipart limit).
 */
export async function readMultipartFile(req: FastifyRequest, maxBytes?: number): Promise<Buffer> {
  if (!req.isMultipart()) {
    throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UNSUPPORTED_MEDIA_TYPE', 'file: send multipart/form-data with a "file" field');
  }
  const file = await req.file(maxBytes === undefined ? undefined : { limits: { fileSize: maxBytes } });
  if (!file) throw ApiException.validation('file', 'a "file" field is required');
  const tooLarge = () => {
    const limit = maxBytes === undefined ? 'the upload limit' : `${maxBytes} bytes`;
    return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, 'PAYLOAD_TOO_LARGE', `file: larger than ${limit}`);
  };
  let data: Buffer;
  try {
    data = await file.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw error;
  }
  // toBuffer() only looks at `truncated` when a chunk arrives: when the chunk that crosses the limit
  // has no byte left under it, the parser marks the stream truncated after the last chunk was read,
  // and toBuffer() returns the first `limit` bytes as if they were the whole file. The stream's own
  // flag, read once it has ended, is the truth.
  if (file.file.truncated) throw tooLarge();
  return data;
}
