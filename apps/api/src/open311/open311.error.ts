/** A GeoReport v2 error: rendered as the spec's `errors` list of `{code, description}`. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429,
    readonly description: string,
  ) {
    super(description);
  }

  static badRequest(description: string): Open311Error {
    return new Open311Error(400, description);
  }

  static forbidden(description: string): Open311Error {
    return new Open311Error(403, description);
  }

  static notFound(description: string): Open311Error {
    return new Open311Error(404, description);
  }
}
