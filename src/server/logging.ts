/** An error as log metadata: Error objects otherwise serialize to `{}` in NocoBase's JSON logs. */
export function errorDetails(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, stack: error.stack };
  }
  return { message: String(error) };
}
